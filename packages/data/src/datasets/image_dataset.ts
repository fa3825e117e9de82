/**
 * The common base of the in-memory image datasets: N images of C x H x W uint8 pixels and N
 * labels; get(i) gives [image as float32 CHW in [0, 1], label], through the transforms if any.
 */
import { Tensor } from '@cresset/autograd';
import { NDArray, noteInitialized } from '@cresset/tensor';
import { checkIndex, Dataset } from '../dataset';
import { defaultCollate } from '../collate';
import { applyTransform, isBatchable, TransformLike } from '../transforms/transforms';

export interface ImageDatasetOptions {
  transform?: TransformLike | null;
  /** Maps each label (a class index) to another class index. */
  targetTransform?: ((label: number) => number) | null;
}

/** uint8 pixels (C x H x W planes) as a float32 [C, H, W] tensor in [0, 1], as ToTensor makes it. */
export function bytesToImage(pixels: Uint8Array, shape: [number, number, number]): Tensor {
  const out = NDArray.output(shape, 'float32');
  toUnit(pixels, out.data as Float32Array, 0);
  noteInitialized(out.data, false);
  return new Tensor(out);
}

/** pixels / 255 into out[at..], as ToTensor divides. */
function toUnit(pixels: Uint8Array, out: Float32Array, at: number): void {
  for (let k = 0; k < pixels.length; k++) out[at + k] = pixels[k] / 255;
}

export class ImageDataset implements Dataset<[Tensor, number]> {
  constructor(
    /** Pixels, image after image, each C x H x W. */
    readonly pixels: Uint8Array,
    readonly labels: Uint8Array | Int32Array,
    readonly imageShape: [number, number, number],
    readonly classes: string[],
    protected readonly opts: ImageDatasetOptions = {},
  ) {}

  get length(): number {
    return this.labels.length;
  }

  /** Image i as float32 [C, H, W] with values in [0, 1] (ToTensor's output), before transforms. */
  image(i: number): Tensor {
    const n = this.imageShape[0] * this.imageShape[1] * this.imageShape[2];
    return bytesToImage(this.pixels.subarray(i * n, (i + 1) * n), this.imageShape);
  }

  get(index: number): [Tensor, number] {
    const i = checkIndex(index, this.length, this.constructor.name);
    let img = this.image(i);
    if (this.opts.transform) img = applyTransform(this.opts.transform, img);
    return [img, this.label(i)];
  }

  /**
   * The images at `indices` as one [B, C, H, W] tensor through the transform at once, and their
   * labels, as defaultCollate stacks get(i) of each: when the transform acts on each element by
   * its channel alone (batchable: Normalize and Compose of such), the batch holds the
   * same values; otherwise null.
   */
  getBatch(indices: readonly number[]): [Tensor, Tensor] | null {
    const t = this.opts.transform;
    if (t && !isBatchable(t)) return null;
    const [C, H, W] = this.imageShape;
    const n = C * H * W;
    const rows = indices.map((index) => checkIndex(index, this.length, this.constructor.name));
    const out = NDArray.output([rows.length, C, H, W], 'float32');
    rows.forEach((i, b) => toUnit(this.pixels.subarray(i * n, (i + 1) * n), out.data as Float32Array, b * n));
    noteInitialized(out.data, false);
    let images = new Tensor(out);
    if (t) images = applyTransform(t, images);
    return [images, defaultCollate(rows.map((i) => this.label(i)))];
  }

  private label(i: number): number {
    const label = this.labels[i];
    return this.opts.targetTransform ? this.opts.targetTransform(label) : label;
  }
}
