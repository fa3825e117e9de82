/** Upsample, UpsamplingNearest2d and UpsamplingBilinear2d over F.interpolate, with PyTorch's reprs. */
import type { Tensor } from '@cresset/autograd';
import { interpolate, InterpolateMode, InterpolateOptions } from '../functional/interpolate';
import { Module } from '../module';
import { layerArgs, pyFloat, pyValue } from '../utils';

/** Upsample's arguments are F.interpolate's. */
export type UpsampleOptions = InterpolateOptions;

type UpsampleCtor = [UpsampleOptions?] | [number | readonly number[] | null, ...(number | readonly number[] | string | boolean | null | UpsampleOptions | undefined)[]];

export class Upsample extends Module {
  readonly size: number | readonly number[] | null;
  readonly scaleFactor: number | readonly number[] | null;
  readonly mode: InterpolateMode;
  readonly alignCorners: boolean | null;
  readonly recomputeScaleFactor: boolean | null;
  /** Upsample(size = null, scaleFactor = null, mode = 'nearest', alignCorners = null, recomputeScaleFactor = null). */
  constructor(...args: UpsampleCtor) {
    super();
    const o = layerArgs<UpsampleOptions>(new.target.name, args, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor']);
    this.size = o.size ?? null;
    this.scaleFactor = o.scaleFactor ?? null;
    this.mode = o.mode ?? 'nearest';
    this.alignCorners = o.alignCorners ?? null;
    this.recomputeScaleFactor = o.recomputeScaleFactor ?? null;
  }
  forward(x: Tensor): Tensor {
    return interpolate(x, { size: this.size, scaleFactor: this.scaleFactor, mode: this.mode, alignCorners: this.alignCorners, recomputeScaleFactor: this.recomputeScaleFactor });
  }
  override extraRepr(): string {
    const f = this.scaleFactor;
    const info = f !== null ? `scale_factor=${typeof f === 'number' ? pyFloat(f) : `(${f.map(pyFloat).join(', ')})`}` : `size=${pyValue(this.size)}`;
    return `${info}, mode=${this.mode}`;
  }
}

/** Upsample in 'nearest' mode over 4-d input: UpsamplingNearest2d(size = null, scaleFactor = null). */
export class UpsamplingNearest2d extends Upsample {
  constructor(...args: [UpsampleOptions?] | [number | readonly number[] | null, (number | readonly number[] | null)?]) {
    const o = layerArgs<UpsampleOptions>('UpsamplingNearest2d', args, ['size', 'scaleFactor']);
    super({ size: o.size, scaleFactor: o.scaleFactor, mode: 'nearest' });
  }
}

/** Upsample in 'bilinear' mode with alignCorners: UpsamplingBilinear2d(size = null, scaleFactor = null). */
export class UpsamplingBilinear2d extends Upsample {
  constructor(...args: [UpsampleOptions?] | [number | readonly number[] | null, (number | readonly number[] | null)?]) {
    const o = layerArgs<UpsampleOptions>('UpsamplingBilinear2d', args, ['size', 'scaleFactor']);
    super({ size: o.size, scaleFactor: o.scaleFactor, mode: 'bilinear', alignCorners: true });
  }
}
