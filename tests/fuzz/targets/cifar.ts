/**
 * CIFAR-10 from the binary batches cresset's synthetic set writes (ensureSyntheticCifar), and
 * CIFAR-100's train.bin (a coarse and a fine label byte per record). A result is right when every
 * file is a nonzero whole number of records with every label byte within its classes and the
 * dataset holds exactly their (fine) labels and pixels, in file order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { datasets } from '@cresset/data';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';

const PIXELS = 3072;

interface Layout {
  files: string[];
  /** Classes of each label byte of a record. */
  classes: number[];
  write(dir: string): void;
  read(dir: string): { pixels: Uint8Array; labels: ArrayLike<number> };
}

const CIFAR10: Layout = {
  files: [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`),
  classes: [10],
  write: (dir) => datasets.ensureSyntheticCifar(dir, { seed: 1, perTrainFile: 12, testSize: 4 }),
  read: (dir) => new datasets.CIFAR10(dir),
};

const CIFAR100: Layout = {
  files: ['train.bin'],
  classes: [20, 100],
  write(dir) {
    const n = 40;
    const b = Buffer.alloc(n * (2 + PIXELS));
    for (let i = 0; i < n; i++) {
      b[i * (2 + PIXELS)] = i % 20;
      b[i * (2 + PIXELS) + 1] = (i * 7) % 100;
      for (let k = 0; k < PIXELS; k++) b[i * (2 + PIXELS) + 2 + k] = (i + k) % 256;
    }
    fs.writeFileSync(path.join(dir, 'train.bin'), b);
  },
  read: (dir) => new datasets.CIFAR100(dir),
};

function target(layout: Layout): Target {
  const record = layout.classes.length + PIXELS;
  /** A label byte set out of range, or whole or partial records cut or added. */
  const editHeader = (rng: Rng, bytes: Uint8Array): Mutation => {
    const r = rng.int(0, 3);
    if (r === 0) {
      const out = bytes.slice();
      const at = rng.int(0, bytes.length / record) * record + rng.int(0, layout.classes.length);
      out[at] = rng.pick([10, 19, 20, 99, 100, 150, 255]);
      return { what: `label byte at offset ${at} set to ${out[at]}`, bytes: out };
    }
    const k = rng.pick([1, 100, record - 1, record, 2 * record]);
    if (r === 1) return { what: `last ${k} bytes removed`, bytes: bytes.slice(0, Math.max(0, bytes.length - k)) };
    return { what: `${k} bytes appended`, bytes: new Uint8Array(Buffer.concat([bytes, Buffer.alloc(k, 4)])) };
  };
  return {
    setup(dir) {
      layout.write(dir);
      return layout.files.map((f) => path.join(dir, f));
    },
    editHeader,
    read: (dir) => {
      const ds = layout.read(dir);
      return { pixels: ds.pixels, labels: ds.labels };
    },
    check(result, _file, _bytes, dir) {
      const r = result as { pixels: Uint8Array; labels: ArrayLike<number> };
      const files = layout.files.map((f) => fs.readFileSync(path.join(dir, f)));
      if (files.some((f) => f.length === 0 || f.length % record !== 0)) return 'read a file that is not a whole number of records';
      const all = Buffer.concat(files);
      const labels: number[] = [];
      const pixels: Buffer[] = [];
      for (let at = 0; at < all.length; at += record) {
        if (layout.classes.some((c, j) => all[at + j] >= c)) return `read a label byte outside its classes at offset ${at}`;
        labels.push(all[at + layout.classes.length - 1]);
        pixels.push(all.subarray(at + layout.classes.length, at + record));
      }
      if (!Buffer.from(Array.from(r.labels)).equals(Buffer.from(labels)) || !Buffer.from(r.pixels).equals(Buffer.concat(pixels))) return 'labels or pixels differ from the files';
      return null;
    },
  };
}

export const cifar10Target = target(CIFAR10);
export const cifar100Target = target(CIFAR100);
