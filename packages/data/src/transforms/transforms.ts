/**
 * Image transforms (torchvision.transforms) on CHW tensors: Compose, ToTensor, Normalize,
 * RandomCrop (with padding), RandomHorizontalFlip. Random choices draw from the default generator
 * exactly as torchvision does (torch.randint for crop offsets, torch.rand(1) < p for flips).
 */
import { isGradEnabled, pad, Tensor, tensor } from '@cresset/autograd';
import { binary, binaryInPlace, defaultGenerator, NDArray, randint, ShapeError, ValueError, distributions } from '@cresset/tensor';

export interface Transform<I = Tensor, O = Tensor> {
  forward(x: I): O;
}

export type TransformLike<I = Tensor, O = Tensor> = Transform<I, O> | ((x: I) => O);

export const applyTransform = <I, O>(t: TransformLike<I, O>, x: I): O => (typeof t === 'function' ? t(x) : t.forward(x));

/**
 * Whether `t` maps each element of a [C, H, W] image by its channel alone, so that it gives a
 * [B, C, H, W] batch what it gives each image of it (Normalize, and Compose of such).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isBatchable = (t: TransformLike<any, any>): boolean => typeof t !== 'function' && (t as { batchable?: boolean }).batchable === true;

const pyList = (v: readonly number[]) => `[${v.join(', ')}]`;

/** Transforms applied in turn; usable wherever one transform is (a dataset's `transform`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class Compose implements Transform<any, any> {
  constructor(readonly transforms: TransformLike<any, any>[]) {}
  get batchable(): boolean {
    return this.transforms.every(isBatchable);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forward(x: any): any {
    return this.transforms.reduce((v, t) => applyTransform(t, v), x);
  }
  toString(): string {
    return `Compose(\n${this.transforms.map((t) => `    ${String(t)}`).join('\n')}\n)`;
  }
}

/**
 * ToTensor: a uint8 image [H, W, C] (or [H, W]) becomes float32 [C, H, W] in [0, 1]; a floating
 * [C, H, W] tensor (what cresset's datasets give) passes through unchanged.
 */
export class ToTensor implements Transform {
  forward(img: Tensor): Tensor {
    if (img.dtype !== 'uint8') {
      if (img.ndim !== 3 && img.ndim !== 2) throw new ShapeError(`ToTensor: expected an image of 2 or 3 dims, got [${img.shape.join(', ')}]`);
      return img;
    }
    const hwc = img.ndim === 2 ? img.unsqueeze(2) : img;
    return hwc.permute(2, 0, 1).contiguous().to('float32').div(255);
  }
  toString(): string {
    return 'ToTensor()';
  }
}

/** (x - mean[c]) / std[c] per channel of a [..., C, H, W] tensor. */
export class Normalize implements Transform {
  readonly batchable = true;
  private readonly meanT: Tensor;
  private readonly stdT: Tensor;
  constructor(readonly mean: number[], readonly std: number[], readonly inplace = false) {
    if (std.some((s) => s === 0)) throw new ValueError(`std evaluated to zero after conversion to float32, leading to division by zero (std=${pyList(std)}).`);
    this.meanT = tensor(mean).reshape(-1, 1, 1);
    this.stdT = tensor(std).reshape(-1, 1, 1);
  }
  forward(x: Tensor): Tensor {
    if (x.ndim < 3) throw new ShapeError(`Normalize: expected a tensor image of size (C, H, W), got [${x.shape.join(', ')}]`);
    const c = x.shape[x.ndim - 3];
    if (c !== this.mean.length && this.mean.length !== 1) throw new ShapeError(`Normalize: ${this.mean.length} means for an image of ${c} channels`);
    const mean = this.meanT.to(x.dtype), std = this.stdT.to(x.dtype);
    if (x.requiresGrad && isGradEnabled()) return x.sub(mean).div(std);
    // no graph to record: the same two ops on the arrays, the division in place
    const out = binary('sub', x.array, mean.array);
    binaryInPlace('div', out, std.array);
    return new Tensor(out);
  }
  toString(): string {
    return `Normalize(mean=${pyList(this.mean)}, std=${pyList(this.std)})`;
  }
}

export interface RandomCropOptions {
  padding?: number | number[] | null;
  padIfNeeded?: boolean;
  fill?: number;
  paddingMode?: 'constant' | 'edge' | 'reflect' | 'symmetric';
}

/** A random [h, w] window of a [..., H, W] tensor, after optional padding (torchvision's RandomCrop). */
export class RandomCrop implements Transform {
  readonly size: [number, number];
  constructor(size: number | [number, number], readonly opts: RandomCropOptions = {}) {
    this.size = typeof size === 'number' ? [size, size] : size;
    if (opts.paddingMode === 'symmetric') throw new ValueError("RandomCrop: padding_mode 'symmetric' is not supported in cresset; use 'constant', 'edge' or 'reflect'");
  }
  forward(img: Tensor): Tensor {
    let x = img;
    const p = this.opts.padding;
    if (p !== undefined && p !== null) {
      // torchvision's order: [left, top, right, bottom] or [lr, tb] or one value
      const [l, t, r, b] = typeof p === 'number' ? [p, p, p, p] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : p;
      x = this.padImage(x, [l, r, t, b]);
    }
    const [th, tw] = this.size;
    let [h, w] = x.shape.slice(-2);
    if (this.opts.padIfNeeded && w < tw) x = this.padImage(x, [tw - w, tw - w, 0, 0]);
    if (this.opts.padIfNeeded && h < th) x = this.padImage(x, [0, 0, th - h, th - h]);
    [h, w] = x.shape.slice(-2);
    if (h < th || w < tw) throw new ValueError(`Required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`);
    if (h === th && w === tw) return x;
    const i = randint(0, h - th + 1, [1], 'int64', defaultGenerator).data[0];
    const j = randint(0, w - tw + 1, [1], 'int64', defaultGenerator).data[0];
    return x.narrow(-2, i, th).narrow(-1, j, tw);
  }
  private padImage(x: Tensor, lrtb: number[]): Tensor {
    const mode = this.opts.paddingMode ?? 'constant';
    const m = mode === 'edge' ? 'replicate' : mode === 'reflect' ? 'reflect' : 'constant';
    const batched = x.ndim === 2 ? x.unsqueeze(0) : x;
    const y = pad(batched, lrtb, m, this.opts.fill ?? 0);
    return x.ndim === 2 ? y.squeeze(0) : y;
  }
  toString(): string {
    return `RandomCrop(size=(${this.size.join(', ')}), padding=${this.opts.padding ?? 'None'})`;
  }
}

/** Mirrors the last dim with probability p (torchvision's RandomHorizontalFlip). */
export class RandomHorizontalFlip implements Transform {
  constructor(readonly p = 0.5) {}
  forward(img: Tensor): Tensor {
    const u = NDArray.empty([1], 'float32');
    distributions.uniformFill(u.data, 'float32', 0, 1, defaultGenerator);
    return u.data[0] < this.p ? img.flip(-1) : img;
  }
  toString(): string {
    return `RandomHorizontalFlip(p=${this.p})`;
  }
}
