/**
 * ImageFolder (torchvision.datasets.ImageFolder): root/<class>/<image>.png|jpg|jpeg, classes are
 * the sorted sub-folder names, samples sorted by path within each class. Images are decoded when
 * read, as RGB float32 [3, H, W] in [0, 1] (ToTensor's output), then passed through the transform.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Tensor } from '@cresset/autograd';
import { FormatError } from '@cresset/tensor';
import { checkIndex, Dataset } from '../dataset';
import { applyTransform } from '../transforms/transforms';
import { decodeImage, IMAGE_EXTENSIONS } from './image_decode';
import { bytesToImage, ImageDatasetOptions } from './image_dataset';

export class ImageFolder implements Dataset<[Tensor, number]> {
  readonly classes: string[];
  readonly classToIdx: Record<string, number>;
  /** [path, class index] per sample. */
  readonly samples: [string, number][];

  constructor(readonly root: string, private readonly opts: ImageDatasetOptions = {}) {
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new FormatError(`ImageFolder: ${root} is not a folder`);
    // torchvision sorts with Python's code-point order
    const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    this.classes = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort(byCodePoint);
    if (this.classes.length === 0) throw new FormatError(`ImageFolder: couldn't find any class folder in ${root}`);
    this.classToIdx = Object.fromEntries(this.classes.map((c, i) => [c, i]));
    this.samples = [];
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodePoint(a.name, b.name)).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? walk(p) : IMAGE_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) ? [p] : [];
      });
    for (const c of this.classes) {
      const files = walk(path.join(root, c));
      if (files.length === 0) throw new FormatError(`ImageFolder: found no valid file for the class ${c} in ${root} (supported extensions: ${IMAGE_EXTENSIONS.join(', ')})`);
      for (const f of files) this.samples.push([f, this.classToIdx[c]]);
    }
  }

  get length(): number {
    return this.samples.length;
  }

  get targets(): number[] {
    return this.samples.map(([, t]) => t);
  }

  get(index: number): [Tensor, number] {
    const [file, target] = this.samples[checkIndex(index, this.length, 'ImageFolder')];
    const { width, height, planes } = decodeImage(file);
    let img = bytesToImage(planes, [3, height, width]);
    if (this.opts.transform) img = applyTransform(this.opts.transform, img);
    return [img, this.opts.targetTransform ? this.opts.targetTransform(target) : target];
  }
}
