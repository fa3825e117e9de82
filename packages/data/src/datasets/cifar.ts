/**
 * CIFAR-10 and CIFAR-100 in their official binary version: data_batch_1.bin ... data_batch_5.bin
 * and test_batch.bin (CIFAR-10: 1 label byte + 3072 pixel bytes per record, R then G then B planes
 * of 32x32), train.bin and test.bin (CIFAR-100: coarse and fine label bytes + 3072).
 */
import { FormatError } from '@cresset/tensor';
import { findFile, readBytes } from './files';
import { ImageDataset, ImageDatasetOptions } from './image_dataset';

export const CIFAR10_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

const PIXELS = 3 * 32 * 32;

/**
 * Reads records of `labelBytes` label bytes and 3072 pixels; keeps label byte `labelAt`. Label
 * byte j of every record must be below classes[j].
 */
export function readCifarFiles(paths: string[], labelBytes: number, labelAt: number, classes: readonly number[]): { pixels: Uint8Array; labels: Uint8Array } {
  const record = labelBytes + PIXELS;
  const blobs = paths.map((p) => {
    const b = readBytes(p, 'CIFAR');
    if (b.length === 0 || b.length % record !== 0) {
      const whole = Math.floor(b.length / record);
      throw new FormatError(`${p}: ${b.length} bytes is not a whole number of ${record}-byte CIFAR records (${labelBytes} label byte(s) + ${PIXELS} pixels): truncated or wrong format after record ${whole}, at offset ${whole * record}`);
    }
    for (let off = 0; off < b.length; off += record) {
      for (let j = 0; j < labelBytes; j++) {
        if (b[off + j] >= classes[j]) throw new FormatError(`${p}: label ${b[off + j]} of record ${off / record} (offset ${off + j}) is not a class 0-${classes[j] - 1} (wrong format?)`);
      }
    }
    return b;
  });
  const n = blobs.reduce((s, b) => s + b.length / record, 0);
  const pixels = new Uint8Array(n * PIXELS);
  const labels = new Uint8Array(n);
  let i = 0;
  for (const b of blobs) {
    for (let off = 0; off < b.length; off += record, i++) {
      labels[i] = b[off + labelAt];
      pixels.set(b.subarray(off + labelBytes, off + record), i * PIXELS);
    }
  }
  return { pixels, labels };
}

export interface CifarOptions extends ImageDatasetOptions {
  train?: boolean;
}

export class CIFAR10 extends ImageDataset {
  /** `root` is the folder holding the .bin files (cifar-10-batches-bin). */
  constructor(readonly root: string, opts: CifarOptions = {}) {
    const train = opts.train ?? true;
    const names = train ? [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`) : ['test_batch.bin'];
    const paths = names.map((n) => findFile(root, [n], 'CIFAR10'));
    const { pixels, labels } = readCifarFiles(paths, 1, 0, [10]);
    super(pixels, labels, [3, 32, 32], CIFAR10_CLASSES, opts);
  }
}

export class CIFAR100 extends ImageDataset {
  /** `root` is the folder holding train.bin and test.bin (cifar-100-binary); labels are the fine ones. */
  constructor(readonly root: string, opts: CifarOptions = {}) {
    const path = findFile(root, [(opts.train ?? true) ? 'train.bin' : 'test.bin'], 'CIFAR100');
    const { pixels, labels } = readCifarFiles([path], 2, 1, [20, 100]);
    super(pixels, labels, [3, 32, 32], Array.from({ length: 100 }, (_, i) => String(i)), opts);
  }
}
