/**
 * Dataset readers on the real formats: CIFAR-10/100 binary records, MNIST IDX (plain and gzipped,
 * and the real Fashion-MNIST of Debian's dataset-fashion-mnist), ImageFolder of PNG and JPEG, the
 * embedded synthetic CIFAR-like set. Truncated or wrong-format files name the file and the offset.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FormatError } from '@cresset/tensor';
import { datasets } from '@cresset/data';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-readers-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sub = (name: string) => {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  return path.join(dir, name);
};

/** A CIFAR-10 record: label, then R, G, B planes where pixel k of plane c is (label + c + k) % 256. */
function cifarRecords(labels: number[], labelBytes = 1): Buffer {
  const rec = labelBytes + 3072;
  const b = Buffer.alloc(labels.length * rec);
  labels.forEach((l, i) => {
    for (let j = 0; j < labelBytes; j++) b[i * rec + j] = l + j;
    for (let k = 0; k < 3072; k++) b[i * rec + labelBytes + k] = (l + k) % 256;
  });
  return b;
}

function idx(dims: number[], data: number[]): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(0x00000800 | dims.length, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

describe('CIFAR10', () => {
  const root = sub('cifar');
  beforeAll(() => {
    for (let f = 1; f <= 5; f++) fs.writeFileSync(path.join(root, `data_batch_${f}.bin`), cifarRecords([f, (f + 1) % 10]));
    fs.writeFileSync(path.join(root, 'test_batch.bin'), cifarRecords([7]));
  });
  test('reads the five training files in order and the test file', () => {
    const train = new datasets.CIFAR10(root, { train: true });
    expect(train.length).toBe(10);
    expect(Array.from(train.labels)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6]);
    const [img, label] = new datasets.CIFAR10(root, { train: false }).get(0);
    expect(label).toBe(7);
    expect(img.shape).toEqual([3, 32, 32]);
    // pixel (c=1, y=0, x=2) is record byte 1024 + 2
    expect(img.toArray()[1][0][2]).toBeCloseTo(((7 + 1026) % 256) / 255, 6);
  });
  test('a truncated file names the file and the offset of the last whole record', () => {
    const bad = sub('cifar-cut');
    for (let f = 1; f <= 5; f++) fs.writeFileSync(path.join(bad, `data_batch_${f}.bin`), cifarRecords([1, 2]));
    fs.writeFileSync(path.join(bad, 'data_batch_3.bin'), cifarRecords([1, 2]).subarray(0, 3073 + 100));
    const file = path.join(bad, 'data_batch_3.bin');
    expect(() => new datasets.CIFAR10(bad)).toThrow(FormatError);
    expect(() => new datasets.CIFAR10(bad)).toThrow(`${file}: 3173 bytes is not a whole number of 3073-byte CIFAR records (1 label byte(s) + 3072 pixels): truncated or wrong format after record 1, at offset 3073`);
  });
  test('a missing file names the folder', () => {
    expect(() => new datasets.CIFAR10(sub('empty'))).toThrow(`CIFAR10: none of data_batch_1.bin found in ${path.join(dir, 'empty')}`);
  });
  test('CIFAR100 keeps the fine label (second byte)', () => {
    const root100 = sub('cifar100');
    fs.writeFileSync(path.join(root100, 'train.bin'), cifarRecords([3, 18], 2));
    const ds = new datasets.CIFAR100(root100);
    expect(Array.from(ds.labels)).toEqual([4, 19]);
  });
});

describe('MNIST / FashionMNIST IDX files', () => {
  const root = sub('mnist');
  beforeAll(() => {
    const pixels = Array.from({ length: 2 * 2 * 3 }, (_, k) => k * 20);
    fs.writeFileSync(path.join(root, 'train-images-idx3-ubyte.gz'), zlib.gzipSync(idx([2, 2, 3], pixels)));
    fs.writeFileSync(path.join(root, 'train-labels-idx1-ubyte'), idx([2], [5, 9]));
  });
  test('reads gzipped and plain files: images [1, H, W] in [0, 1] and labels', () => {
    const ds = new datasets.FashionMNIST(root, { train: true });
    expect(ds.length).toBe(2);
    const [img, label] = ds.get(1);
    expect(label).toBe(9);
    expect(img.shape).toEqual([1, 2, 3]);
    expect(img.toArray()).toEqual([[[120, 140, 160], [180, 200, 220]].map((r) => r.map((v) => Math.fround(v / 255)))]);
    expect(ds.classes[9]).toBe('Ankle boot');
  });
  test.each([
    ['truncated data', idx([4, 2, 3], Array(10).fill(1)), 'truncated: the header promises 24 bytes of data after offset 16, the file ends at offset 26'],
    ['wrong magic', Buffer.from([0, 0, 0x0d, 3, 0, 0, 0, 0]), 'not an IDX file of unsigned bytes (magic 00000d03 at offset 0, expected 00000803)'],
    ['wrong dims', idx([4, 6], Array(24).fill(0)), 'IDX file has 2 dims at offset 3, expected 3'],
  ])('%s names the file and the offset', (_n, bytes, msg) => {
    const file = path.join(dir, 'bad-images-idx3-ubyte');
    fs.writeFileSync(file, bytes);
    expect(() => datasets.readIdx(file, 3)).toThrow(FormatError);
    expect(() => datasets.readIdx(file, 3)).toThrow(`${file}: ${msg}`);
  });
  const real = '/usr/share/datasets/fashion-mnist';
  test('reads the real Fashion-MNIST (Debian dataset-fashion-mnist)', () => {
    const train = new datasets.FashionMNIST(real, { train: true });
    const test_ = new datasets.FashionMNIST(real, { train: false });
    expect([train.length, test_.length]).toEqual([60000, 10000]);
    expect(Array.from(train.labels.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    const pixels = train.pixels.subarray(0, 784);
    expect(pixels.reduce((a, b) => a + b, 0)).toBe(76247);
  });
});

describe('ImageFolder', () => {
  const root = sub('folder');
  const writePng = (file: string, rgba: number[], w: number, h: number) => {
    const png = new PNG({ width: w, height: h });
    png.data.set(rgba);
    fs.writeFileSync(file, PNG.sync.write(png));
  };
  beforeAll(() => {
    for (const c of ['dog', 'cat']) fs.mkdirSync(path.join(root, c), { recursive: true });
    writePng(path.join(root, 'cat', 'b.png'), [255, 0, 0, 255, 0, 51, 102, 10], 2, 1);
    writePng(path.join(root, 'cat', 'a.png'), [1, 2, 3, 255, 4, 5, 6, 255], 1, 2);
    const flat = Buffer.alloc(8 * 8 * 4);
    for (let i = 0; i < 64; i++) flat.set([200, 100, 50, 255], 4 * i);
    fs.writeFileSync(path.join(root, 'dog', 'x.JPG'), jpeg.encode({ data: flat, width: 8, height: 8 }, 95).data);
    fs.writeFileSync(path.join(root, 'dog', 'notes.txt'), 'ignored');
  });
  test('classes are the sorted folders, samples sorted by path, pixels RGB in [0, 1] with alpha dropped', () => {
    const ds = new datasets.ImageFolder(root);
    expect(ds.classes).toEqual(['cat', 'dog']);
    expect(ds.samples.map(([f, t]) => [path.relative(root, f), t])).toEqual([['cat/a.png', 0], ['cat/b.png', 0], ['dog/x.JPG', 1]]);
    const [img, label] = ds.get(1);
    expect(label).toBe(0);
    expect(img.shape).toEqual([3, 1, 2]);
    expect(img.toArray()).toEqual([[[1, 0]], [[0, 0.2]], [[0, 0.4]]].map((c) => c.map((r) => r.map(Math.fround))));
    const [jpg] = ds.get(2);
    expect(jpg.shape).toEqual([3, 8, 8]);
    const mean = (c: number) => (jpg.toArray() as number[][][])[c].flat().reduce((a, b) => a + b, 0) / 64;
    [200, 100, 50].forEach((v, c) => expect(Math.abs(mean(c) * 255 - v)).toBeLessThan(3));
  });
  test('a truncated PNG and a file that is no image are FormatErrors naming the file', () => {
    const bad = sub('folder-bad/cls');
    const good = path.join(root, 'cat', 'b.png');
    fs.writeFileSync(path.join(bad, 'cut.png'), fs.readFileSync(good).subarray(0, 40));
    fs.writeFileSync(path.join(bad, 'fake.jpg'), 'hello');
    const ds = new datasets.ImageFolder(path.dirname(bad));
    expect(() => ds.get(0)).toThrow(`${path.join(bad, 'cut.png')}: corrupt or truncated PNG (40 bytes)`);
    expect(() => ds.get(1)).toThrow(`${path.join(bad, 'fake.jpg')}: not a PNG or JPEG image (the 5-byte file starts with 68 65 6c 6c at offset 0; expected 89 50 4e 47 or ff d8 ff)`);
  });
  test('a class folder without images is refused', () => {
    sub('folder-empty/none');
    expect(() => new datasets.ImageFolder(path.join(dir, 'folder-empty'))).toThrow('ImageFolder: found no valid file for the class none');
  });
});

test('the embedded synthetic dataset is written once in CIFAR-10 format, deterministically, balanced over 10 classes', () => {
  const opts = { seed: 3, perTrainFile: 40, testSize: 30 };
  const a = datasets.ensureSyntheticCifar(path.join(dir, 'syn-a'), opts);
  const b = datasets.ensureSyntheticCifar(path.join(dir, 'syn-b'), opts);
  for (const f of ['data_batch_1.bin', 'data_batch_5.bin', 'test_batch.bin']) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))).toBe(true);
  const mtime = fs.statSync(path.join(a, 'data_batch_1.bin')).mtimeMs;
  datasets.ensureSyntheticCifar(a, opts);
  expect(fs.statSync(path.join(a, 'data_batch_1.bin')).mtimeMs).toBe(mtime);
  const train = new datasets.CIFAR10(a);
  expect(train.length).toBe(200);
  const counts = Array(10).fill(0);
  train.labels.forEach((l) => counts[l]++);
  expect(Math.min(...counts)).toBeGreaterThan(5);
  expect(new datasets.CIFAR10(a, { train: false }).length).toBe(30);
});
