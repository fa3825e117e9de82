/**
 * MNIST from IDX files: gzipped images and plain labels. A result is right when the (gunzipped)
 * files are well-formed IDX (magic, dims, data filling the file exactly, as many labels as images,
 * labels 0-9) and the dataset holds exactly their pixels and labels.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { datasets } from '@cresset/data';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';

const IMAGES = 'train-images-idx3-ubyte.gz';
const LABELS = 'train-labels-idx1-ubyte';

function idx(dims: number[], data: Uint8Array): Uint8Array {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x00000800 | dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return new Uint8Array(Buffer.concat([head, data]));
}

/** The dims and data of well-formed IDX bytes with `nd` dims, or null. */
function parseIdx(b: Uint8Array, nd: number): { dims: number[]; data: Uint8Array } | null {
  if (b.length < 4 + 4 * nd || b[0] !== 0 || b[1] !== 0 || b[2] !== 8 || b[3] !== nd) return null;
  const v = Buffer.from(b);
  const dims = Array.from({ length: nd }, (_, i) => v.readUInt32BE(4 + 4 * i));
  const n = dims.reduce((a, d) => a * d, 1);
  return b.length === 4 + 4 * nd + n ? { dims, data: b.subarray(4 + 4 * nd) } : null;
}

/** The file's bytes as the reader sees them (gunzipped when gzip), or null when the gzip is corrupt. */
function contents(b: Uint8Array): Uint8Array | null {
  if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return b;
  try {
    return new Uint8Array(zlib.gunzipSync(b));
  } catch {
    return null;
  }
}

/** An edit of the IDX header (inside the gzip for the images), or of the gzip framing, or a label. */
function editHeader(rng: Rng, bytes: Uint8Array, file: string): Mutation {
  const gz = file.endsWith('.gz');
  if (gz && rng.next() < 0.3) {
    const out = Buffer.from(bytes);
    const at = rng.pick([3, 8, 9, out.length - 4, out.length - 1]); // flags, xfl, os, ISIZE
    out[at] = rng.int(0, 256);
    return { what: `gzip header/trailer byte ${at} set to ${out[at]}`, bytes: new Uint8Array(out) };
  }
  const plain = Buffer.from(gz ? zlib.gunzipSync(bytes) : bytes);
  let what: string;
  const nd = plain[3];
  const r = rng.int(0, 4);
  if (r === 0) {
    const k = rng.int(0, nd);
    const to = rng.pick([0, 1, plain.readUInt32BE(4 + 4 * k) + rng.pick([-1, 1]), 2 ** 16, 2 ** 32 - 1]);
    plain.writeUInt32BE(to >>> 0, 4 + 4 * k);
    what = `dim ${k} set to ${to >>> 0}`;
  } else if (r === 1) {
    const at = rng.int(0, 4);
    plain[at] = rng.int(0, 256);
    what = `magic byte ${at} set to ${plain[at]}`;
  } else if (r === 2 && !gz) {
    const at = 8 + rng.int(0, plain.length - 8);
    plain[at] = rng.pick([10, 11, 200, 255]);
    what = `label at offset ${at} set to ${plain[at]}`;
  } else {
    const cut = rng.int(1, 9);
    what = rng.next() < 0.5 ? `last ${cut} bytes removed` : `${cut} bytes appended`;
    const changed = what.startsWith('last') ? plain.subarray(0, plain.length - cut) : Buffer.concat([plain, Buffer.alloc(cut, 3)]);
    return { what, bytes: new Uint8Array(gz ? zlib.gzipSync(changed) : changed) };
  }
  return { what, bytes: new Uint8Array(gz ? zlib.gzipSync(plain) : plain) };
}

export const idxTarget: Target = {
  setup(dir) {
    const n = 20;
    const pixels = Uint8Array.from({ length: n * 4 * 5 }, (_, k) => (k * 37) % 256);
    fs.writeFileSync(path.join(dir, IMAGES), zlib.gzipSync(idx([n, 4, 5], pixels)));
    fs.writeFileSync(path.join(dir, LABELS), idx([n], Uint8Array.from({ length: n }, (_, i) => i % 10)));
    return [path.join(dir, IMAGES), path.join(dir, LABELS)];
  },
  editHeader,
  read(dir) {
    const ds = new datasets.MNIST(dir);
    return { pixels: ds.pixels, labels: ds.labels, shape: ds.imageShape };
  },
  check(result, _file, _bytes, dir) {
    const r = result as { pixels: Uint8Array; labels: Uint8Array; shape: number[] };
    const imgBytes = contents(new Uint8Array(fs.readFileSync(path.join(dir, IMAGES))));
    const lblBytes = contents(new Uint8Array(fs.readFileSync(path.join(dir, LABELS))));
    if (!imgBytes || !lblBytes) return 'read a file whose gzip data are corrupt';
    const img = parseIdx(imgBytes, 3);
    const lbl = parseIdx(lblBytes, 1);
    if (!img || !lbl) return 'read a file that is not well-formed IDX';
    if (img.dims[0] !== lbl.dims[0]) return `read ${img.dims[0]} images with ${lbl.dims[0]} labels`;
    if (lbl.data.some((l) => l > 9)) return 'read a label outside 0-9';
    if (JSON.stringify(r.shape) !== JSON.stringify([1, img.dims[1], img.dims[2]])) return `image shape ${r.shape}, the header says ${img.dims}`;
    if (!Buffer.from(r.pixels).equals(Buffer.from(img.data)) || !Buffer.from(r.labels).equals(Buffer.from(lbl.data))) return 'pixels or labels differ from the files';
    return null;
  },
};
