/**
 * Conv1d, Conv2d, Conv3d and ConvTranspose1d/2d/3d: one generic base (PyTorch's _ConvNd) holding
 * the options, the parameters, the default initialisation and the repr; thin subclasses fix the rank.
 */
import { empty } from '@cresset/autograd';
import type { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { convNd, convTransposeNd, samePadding } from '../functional/conv';
import type * as F from '../functional/conv';
import { pad } from '@cresset/autograd';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { IntOrTuple, layerArgs, ntuple, pyTuple } from '../utils';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/** F.conv's options, plus the layer's own: bias, padding mode, parameter dtype. */
export interface ConvOptions extends F.ConvOptions {
  bias?: boolean;
  paddingMode?: PaddingMode;
  dtype?: 'float32' | 'float64';
}

export interface ConvArgs extends ConvOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrTuple;
}

/** F.conv_transpose's options, plus bias and the parameter dtype. */
export interface ConvTransposeOptions extends F.ConvTransposeOptions {
  bias?: boolean;
  dtype?: 'float32' | 'float64';
}

export interface ConvTransposeArgs extends ConvTransposeOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: IntOrTuple;
}

const CONV_ORDER = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'] as const;
const CONV_T_ORDER = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation'] as const;
const CONV_REQUIRED = ['inChannels', 'outChannels', 'kernelSize'] as const;

/** (in, out, kernel, opts?), all positional in PyTorch's order, or ({ inChannels, outChannels, kernelSize, ... }). */
const convArgs = (op: string, args: readonly unknown[]) => layerArgs<ConvArgs>(op, args, CONV_ORDER, CONV_REQUIRED);
const convTArgs = (op: string, args: readonly unknown[]) => layerArgs<ConvTransposeArgs>(op, args, CONV_T_ORDER, CONV_REQUIRED);

abstract class ConvBase extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly dilation: number[];
  readonly groups: number;
  weight: Parameter;
  bias: Parameter | null;

  protected constructor(protected readonly nd: number, a: ConvArgs | ConvTransposeArgs, transposed: boolean) {
    super();
    const op = this.constructor.name;
    this.inChannels = a.inChannels;
    this.outChannels = a.outChannels;
    this.kernelSize = ntuple(a.kernelSize, nd, 'kernel_size', op);
    this.stride = ntuple(a.stride ?? 1, nd, 'stride', op);
    this.dilation = ntuple(a.dilation ?? 1, nd, 'dilation', op);
    this.groups = a.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups <= 0) throw new ValueError(`${op}: groups must be a positive integer, got ${this.groups}`);
    if (this.inChannels % this.groups !== 0) throw new ValueError(`${op}: in_channels must be divisible by groups (in_channels=${this.inChannels}, groups=${this.groups})`);
    if (this.outChannels % this.groups !== 0) throw new ValueError(`${op}: out_channels must be divisible by groups (out_channels=${this.outChannels}, groups=${this.groups})`);
    const wShape = transposed
      ? [this.inChannels, this.outChannels / this.groups, ...this.kernelSize]
      : [this.outChannels, this.inChannels / this.groups, ...this.kernelSize];
    const dtype = a.dtype ?? 'float32';
    this.weight = new Parameter(empty(wShape, { dtype }));
    this.bias = a.bias ?? true ? new Parameter(empty([this.outChannels], { dtype })) : null;
    this.resetParameters();
  }

  /** kaiming_uniform_(weight, a=sqrt(5)), then bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as PyTorch. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        uniform_(this.bias, -bound, bound);
      }
    }
  }

  protected reprHead(padding: string | number[]): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyTuple(this.kernelSize)}, stride=${pyTuple(this.stride)}`;
    if (typeof padding === 'string') s += `, padding=${padding}`;
    else if (padding.some((p) => p !== 0)) s += `, padding=${pyTuple(padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    return s;
  }
}

/** N-d convolution layer (PyTorch's _ConvNd for transposed=False). */
export class ConvNd extends ConvBase {
  readonly padding: number[] | 'same' | 'valid';
  readonly paddingMode: PaddingMode;

  constructor(nd: number, a: ConvArgs) {
    super(nd, a, false);
    const op = this.constructor.name;
    const p = a.padding ?? 0;
    if (typeof p === 'string') {
      if (p !== 'same' && p !== 'valid') throw new ValueError(`${op}: Invalid padding string '${p}', should be one of ['valid', 'same']`);
      if (p === 'same' && this.stride.some((s) => s !== 1)) throw new ValueError(`${op}: padding='same' is not supported for strided convolutions`);
      this.padding = p;
    } else this.padding = ntuple(p, nd, 'padding', op);
    this.paddingMode = a.paddingMode ?? 'zeros';
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(this.paddingMode)) {
      throw new ValueError(`${op}: padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='${this.paddingMode}'`);
    }
  }

  forward(x: Tensor): Tensor {
    const opts = { stride: this.stride, dilation: this.dilation, groups: this.groups };
    if (this.paddingMode === 'zeros') return convNd(this.nd, x, this.weight, this.bias, { ...opts, padding: this.padding });
    // non-zero padding modes pad explicitly first (F.pad order: last dim first), then convolve unpadded
    const padAmounts = this.sidePadding();
    const flat: number[] = [];
    for (let i = this.nd - 1; i >= 0; i--) flat.push(padAmounts[i][0], padAmounts[i][1]);
    return convNd(this.nd, pad(x, flat, this.paddingMode), this.weight, this.bias, { ...opts, padding: 0 });
  }

  /** [left, right] padding per dim, resolving 'same' and 'valid' as PyTorch does. */
  private sidePadding(): [number, number][] {
    if (this.padding === 'valid') return this.kernelSize.map(() => [0, 0]);
    if (this.padding === 'same') return samePadding(this.kernelSize, this.dilation);
    return this.padding.map((p) => [p, p]);
  }

  override extraRepr(): string {
    let s = this.reprHead(this.padding);
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

/** Leading arguments positional, the rest by name: (3, 6, 5, opts?), (3, 6, { kernelSize: 5 }), ({ inChannels: 3, ... }). */
type CtorArgs<A extends { inChannels: number; outChannels: number; kernelSize: IntOrTuple }> =
  | [A]
  | [number, Omit<A, 'inChannels'>]
  | [number, number, Omit<A, 'inChannels' | 'outChannels'>]
  | [number, number, IntOrTuple, Omit<A, 'inChannels' | 'outChannels' | 'kernelSize'>?];
type ConvCtorArgs = CtorArgs<ConvArgs>;

export class Conv1d extends ConvNd {
  constructor(...args: ConvCtorArgs) { super(1, convArgs('Conv1d', args)); }
}
export class Conv2d extends ConvNd {
  constructor(...args: ConvCtorArgs) { super(2, convArgs('Conv2d', args)); }
}
export class Conv3d extends ConvNd {
  constructor(...args: ConvCtorArgs) { super(3, convArgs('Conv3d', args)); }
}

/** N-d transposed convolution layer (PyTorch's _ConvTransposeNd). */
export class ConvTransposeNd extends ConvBase {
  readonly padding: number[];
  readonly outputPadding: number[];

  constructor(nd: number, a: ConvTransposeArgs) {
    super(nd, a, true);
    const op = this.constructor.name;
    this.padding = ntuple(a.padding ?? 0, nd, 'padding', op);
    this.outputPadding = ntuple(a.outputPadding ?? 0, nd, 'output_padding', op);
  }

  forward(x: Tensor): Tensor {
    return convTransposeNd(this.nd, x, this.weight, this.bias, {
      stride: this.stride, padding: this.padding, outputPadding: this.outputPadding, groups: this.groups, dilation: this.dilation,
    });
  }

  override extraRepr(): string {
    let s = this.reprHead(this.padding);
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return s;
  }
}

type ConvTCtorArgs = CtorArgs<ConvTransposeArgs>;

export class ConvTranspose1d extends ConvTransposeNd {
  constructor(...args: ConvTCtorArgs) { super(1, convTArgs('ConvTranspose1d', args)); }
}
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(...args: ConvTCtorArgs) { super(2, convTArgs('ConvTranspose2d', args)); }
}
export class ConvTranspose3d extends ConvTransposeNd {
  constructor(...args: ConvTCtorArgs) { super(3, convTArgs('ConvTranspose3d', args)); }
}
