/**
 * MNIST and Fashion-MNIST from IDX files, gzipped or not: train-images-idx3-ubyte,
 * train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte.
 */
import { FormatError } from '@cresset/tensor';
import { findFile, readBytes } from './files';
import { ImageDataset, ImageDatasetOptions } from './image_dataset';

/** Parses an IDX file of unsigned bytes: its dims and its data, which must fill the file exactly. */
export function readIdx(path: string, expectDims: number): { dims: number[]; data: Uint8Array } {
  const b = readBytes(path, 'readIdx');
  if (b.length < 4) throw new FormatError(`${path}: too short for an IDX header (${b.length} bytes, at offset 0)`);
  if (b[0] !== 0 || b[1] !== 0 || b[2] !== 0x08) {
    throw new FormatError(`${path}: not an IDX file of unsigned bytes (magic ${Array.from(b.subarray(0, 4)).map((x) => x.toString(16).padStart(2, '0')).join('')} at offset 0, expected 000008${expectDims.toString(16).padStart(2, '0')})`);
  }
  const nd = b[3];
  if (nd !== expectDims) throw new FormatError(`${path}: IDX file has ${nd} dims at offset 3, expected ${expectDims}`);
  const header = 4 + 4 * nd;
  if (b.length < header) throw new FormatError(`${path}: truncated IDX header (${b.length} bytes, need ${header})`);
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  const dims = Array.from({ length: nd }, (_, i) => view.getUint32(4 + 4 * i, false));
  const n = dims.reduce((a, c) => a * c, 1);
  if (b.length < header + n) {
    throw new FormatError(`${path}: truncated: the header promises ${n} bytes of data after offset ${header}, the file ends at offset ${b.length}`);
  }
  if (b.length > header + n) {
    throw new FormatError(`${path}: the header's dims [${dims.join(', ')}] promise ${n} bytes of data after offset ${header}, but ${b.length - header} follow (wrong dims or trailing bytes)`);
  }
  return { dims, data: b.subarray(header, header + n) };
}

export interface MnistOptions extends ImageDatasetOptions {
  train?: boolean;
}

/** Checks each label is a class index below `classes`. */
function checkLabels(labels: Uint8Array, classes: number, path: string, offset: number): void {
  const bad = labels.findIndex((l) => l >= classes);
  if (bad >= 0) throw new FormatError(`${path}: label ${labels[bad]} of item ${bad} (offset ${offset + bad}) is not a class 0-${classes - 1}`);
}

function loadIdxPair(root: string, train: boolean, what: string, classes: number): { pixels: Uint8Array; labels: Uint8Array; h: number; w: number } {
  const prefix = train ? 'train' : 't10k';
  const imgPath = findFile(root, [`${prefix}-images-idx3-ubyte`, `${prefix}-images-idx3-ubyte.gz`, `${prefix}-images.idx3-ubyte`], what);
  const lblPath = findFile(root, [`${prefix}-labels-idx1-ubyte`, `${prefix}-labels-idx1-ubyte.gz`, `${prefix}-labels.idx1-ubyte`], what);
  const img = readIdx(imgPath, 3);
  const lbl = readIdx(lblPath, 1);
  if (img.dims[0] !== lbl.dims[0]) throw new FormatError(`${what}: ${imgPath} has ${img.dims[0]} images but ${lblPath} has ${lbl.dims[0]} labels`);
  checkLabels(lbl.data, classes, lblPath, 8);
  return { pixels: img.data, labels: lbl.data, h: img.dims[1], w: img.dims[2] };
}

export class MNIST extends ImageDataset {
  constructor(readonly root: string, opts: MnistOptions = {}) {
    const { pixels, labels, h, w } = loadIdxPair(root, opts.train ?? true, new.target.name, new.target.CLASSES.length);
    super(pixels, labels, [1, h, w], new.target.CLASSES, opts);
  }
  static CLASSES = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];
}

export class FashionMNIST extends MNIST {
  static override CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
}
