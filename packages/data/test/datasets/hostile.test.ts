/**
 * Dataset files that lie: labels outside the classes, IDX dims that do not match the data, gzip
 * that inflates past the decode limit, PNG and JPEG headers that claim huge images. Each is an
 * error naming the file and what is wrong, raised before the memory the header asks for is taken.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { AllocationError, FormatError, getDecodeLimit, setDecodeLimit } from '@cresset/tensor';
import { datasets } from '@cresset/data';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-hostile-data-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sub = (name: string) => {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  return path.join(dir, name);
};

function idx(dims: number[], data: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x00000800 | dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

/** Runs f with the decode limit set to `bytes`. */
function withDecodeLimit<T>(bytes: number, f: () => T): T {
  const before = getDecodeLimit();
  setDecodeLimit(bytes);
  try {
    return f();
  } finally {
    setDecodeLimit(before);
  }
}

describe('labels outside the classes', () => {
  test('an MNIST label of 200', () => {
    const root = sub('mnist-200');
    fs.writeFileSync(path.join(root, 'train-images-idx3-ubyte'), idx([3, 1, 1], [0, 1, 2]));
    fs.writeFileSync(path.join(root, 'train-labels-idx1-ubyte'), idx([3], [4, 200, 9]));
    const file = path.join(root, 'train-labels-idx1-ubyte');
    expect(() => new datasets.MNIST(root)).toThrow(FormatError);
    expect(() => new datasets.MNIST(root)).toThrow(`${file}: label 200 of item 1 (offset 9) is not a class 0-9`);
  });
  const cifar = (labels: number[][]) => Buffer.concat(labels.map((l) => Buffer.concat([Buffer.from(l), Buffer.alloc(3072, 7)])));
  test.each([
    ['a CIFAR-100 fine label of 150', [[1, 2], [3, 150]], 'label 150 of record 1 (offset 3075) is not a class 0-99'],
    ['a CIFAR-100 coarse label of 20', [[20, 2]], 'label 20 of record 0 (offset 0) is not a class 0-19'],
  ])('%s', (_n, labels, msg) => {
    const root = sub(`cifar100-${labels.flat().join('-')}`);
    fs.writeFileSync(path.join(root, 'train.bin'), cifar(labels));
    expect(() => new datasets.CIFAR100(root)).toThrow(FormatError);
    expect(() => new datasets.CIFAR100(root)).toThrow(`${path.join(root, 'train.bin')}: ${msg}`);
  });
  test('a CIFAR-10 label of 10 names the file and offset', () => {
    const root = sub('cifar10-10');
    for (let f = 1; f <= 5; f++) fs.writeFileSync(path.join(root, `data_batch_${f}.bin`), cifar([[f === 4 ? 10 : 1]]));
    expect(() => new datasets.CIFAR10(root)).toThrow(`${path.join(root, 'data_batch_4.bin')}: label 10 of record 0 (offset 0) is not a class 0-9`);
  });
});

describe('IDX dims that do not match the data', () => {
  test.each([
    ['trailing bytes', idx([2, 1, 1], [1, 2, 3]), "the header's dims [2, 1, 1] promise 2 bytes of data after offset 16, but 3 follow (wrong dims or trailing bytes)"],
    ['dims promising 2^48 bytes', idx([65536, 65536, 65536], [1, 2, 3]), 'truncated: the header promises 281474976710656 bytes of data after offset 16, the file ends at offset 19'],
  ])('%s', (_n, bytes, msg) => {
    const file = path.join(dir, 'lying-idx3-ubyte');
    fs.writeFileSync(file, bytes);
    expect(() => datasets.readIdx(file, 3)).toThrow(`${file}: ${msg}`);
  });
});

test('gzip that inflates past the decode limit is an AllocationError; within it, it reads', () => {
  const file = path.join(dir, 'bomb-idx1-ubyte.gz');
  const plain = idx([2_000_000], Array(2_000_000).fill(1));
  const gz = zlib.gzipSync(plain);
  fs.writeFileSync(file, gz);
  withDecodeLimit(1_000_000, () => {
    expect(() => datasets.readIdx(file, 1)).toThrow(AllocationError);
    expect(() => datasets.readIdx(file, 1)).toThrow(`${file}: the ${gz.length} bytes of gzip data decompress to more than the decode limit of 1000000 bytes`);
  });
  expect(datasets.readIdx(file, 1).dims).toEqual([2_000_000]);
});

describe('images whose headers claim more than their data hold', () => {
  const crcOf = (b: Buffer) => zlib.crc32(b);
  /** A small PNG with IHDR edited to claim w x h, its CRC fixed so only the size lies. */
  function lyingPng(w: number, h: number): Buffer {
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(90);
    const b = Buffer.from(PNG.sync.write(png));
    b.writeUInt32BE(w, 16);
    b.writeUInt32BE(h, 20);
    b.writeUInt32BE(crcOf(b.subarray(12, 29)), 29);
    return b;
  }
  test('a PNG whose header claims 20000x20000 is an error at once, not a 6 GB garbage image', () => {
    const file = path.join(dir, 'huge.png');
    fs.writeFileSync(file, lyingPng(20000, 20000));
    const t0 = Date.now();
    expect(() => datasets.decodeImage(file)).toThrow(AllocationError);
    expect(() => datasets.decodeImage(file)).toThrow(`${file}: the PNG's 20000x20000 pixels (IHDR at offset 8) would take 3200020000 bytes, over the decode limit of ${getDecodeLimit()} bytes`);
    withDecodeLimit(4e9, () => {
      expect(() => datasets.decodeImage(file)).toThrow(FormatError);
      expect(() => datasets.decodeImage(file)).toThrow(/huge\.png: corrupt or truncated PNG \(\d+ bytes\): the image data inflate to 264 bytes, IHDR's 20000x20000 pixels need 1600020000$/);
    });
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  test('a PNG whose rows are cut short is an error, with the sizes', () => {
    const file = path.join(dir, 'tall.png');
    fs.writeFileSync(file, lyingPng(8, 9));
    expect(() => datasets.decodeImage(file)).toThrow("the image data inflate to 264 bytes, IHDR's 8x9 pixels need 297");
  });
  test('a PNG with a wrong CRC names the chunk', () => {
    const b = lyingPng(8, 8);
    b[33 + 8] ^= 1; // a byte inside IDAT
    const file = path.join(dir, 'crc.png');
    fs.writeFileSync(file, b);
    expect(() => datasets.decodeImage(file)).toThrow(`${file}: corrupt or truncated PNG (${b.length} bytes): chunk "IDAT" at offset 33 has a wrong CRC`);
  });
  test('a JPEG whose frame header claims 60000x60000 is an AllocationError before decoding', () => {
    const rgba = Buffer.alloc(8 * 8 * 4, 128);
    const b = Buffer.from(jpeg.encode({ data: rgba, width: 8, height: 8 }, 90).data);
    const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
    b.writeUInt16BE(60000, sof + 5);
    b.writeUInt16BE(60000, sof + 7);
    const file = path.join(dir, 'huge.jpg');
    fs.writeFileSync(file, b);
    expect(() => datasets.decodeImage(file)).toThrow(AllocationError);
    expect(() => datasets.decodeImage(file)).toThrow(`${file}: the JPEG's 60000x60000 pixels (frame header at offset ${sof}) would take 25200000000 bytes, over the decode limit of ${getDecodeLimit()} bytes`);
  });
  test('an image file over the decode limit is not read', () => {
    const file = path.join(dir, 'small.png');
    fs.writeFileSync(file, lyingPng(8, 8));
    withDecodeLimit(10, () => expect(() => datasets.decodeImage(file)).toThrow(`decodeImage: reading '${file}' would take ${fs.statSync(file).size} bytes, over the decode limit of 10 bytes`));
    expect(datasets.decodeImage(file).planes[0]).toBe(90);
  });
});
