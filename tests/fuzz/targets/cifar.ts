/**
 * CIFAR-10 from the binary batches cresset's synthetic set writes (ensureSyntheticCifar). A
 * result is right when every batch is a nonzero whole number of 3073-byte records with labels 0-9
 * and the dataset holds exactly their labels and pixels, in file order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { datasets } from '@cresset/data';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';

const RECORD = 3073;
const BATCHES = [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`);

/** A label byte set out of range, or whole or partial records cut or added. */
function editHeader(rng: Rng, bytes: Uint8Array): Mutation {
  const r = rng.int(0, 3);
  if (r === 0) {
    const out = bytes.slice();
    const rec = rng.int(0, bytes.length / RECORD);
    out[rec * RECORD] = rng.pick([10, 11, 99, 255]);
    return { what: `label of record ${rec} set to ${out[rec * RECORD]}`, bytes: out };
  }
  const k = rng.pick([1, 100, RECORD - 1, RECORD, 2 * RECORD]);
  if (r === 1) return { what: `last ${k} bytes removed`, bytes: bytes.slice(0, Math.max(0, bytes.length - k)) };
  return { what: `${k} bytes appended`, bytes: new Uint8Array(Buffer.concat([bytes, Buffer.alloc(k, 4)])) };
}

export const cifarTarget: Target = {
  setup(dir) {
    datasets.ensureSyntheticCifar(dir, { seed: 1, perTrainFile: 12, testSize: 4 });
    return BATCHES.map((b) => path.join(dir, b));
  },
  editHeader,
  read(dir) {
    const ds = new datasets.CIFAR10(dir);
    return { pixels: ds.pixels, labels: ds.labels };
  },
  check(result, _file, _bytes, dir) {
    const r = result as { pixels: Uint8Array; labels: Uint8Array };
    const files = BATCHES.map((b) => fs.readFileSync(path.join(dir, b)));
    if (files.some((f) => f.length === 0 || f.length % RECORD !== 0)) return 'read a batch that is not a whole number of records';
    const all = Buffer.concat(files);
    const labels: number[] = [];
    const pixels: Buffer[] = [];
    for (let at = 0; at < all.length; at += RECORD) {
      labels.push(all[at]);
      pixels.push(all.subarray(at + 1, at + RECORD));
    }
    if (labels.some((l) => l > 9)) return 'read a label outside 0-9';
    if (!Buffer.from(r.labels).equals(Buffer.from(labels)) || !Buffer.from(r.pixels).equals(Buffer.concat(pixels))) return 'labels or pixels differ from the files';
    return null;
  },
};
