/**
 * The common base of the in-memory image datasets: N images of C x H x W uint8 pixels and N
 * labels; get(i) gives [image as float32 CHW in [0, 1], label], through the transforms if any.
 */
import { Tensor } from '@cresset/autograd';
import { NDArray } from '@cresset/tensor';
import { checkIndex, Dataset } from '../dataset';
import { applyTransform, TransformLike } from '../transforms/transforms';

export interface ImageDatasetOptions {
  transform?: TransformLike | null;
  /** Maps each label (a class index) to another class index. */
  targetTransform?: ((label: number) => number) | null;
}

/** uint8 pixels (C x H x W planes) as a float32 [C, H, W] tensor in [0, 1], as ToTensor makes it. */
export function bytesToImage(pixels: Uint8Array, shape: [number, number, number]): Tensor {
  const out = NDArray.empty(shape, 'float32');
  for (let k = 0; k < pixels.length; k++) out.data[k] = pixels[k] / 255;
  return new Tensor(out);
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
    const label = this.labels[i];
    return [img, this.opts.targetTransform ? this.opts.targetTransform(label) : label];
  }
}
