/**
 * readFileWithinLimit, which every reader uses: a regular file within the decode limit is read
 * whole; a device, a pipe, a folder or a file over the limit is refused before anything is read.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AllocationError, FormatError, getDecodeLimit, readFileWithinLimit, setDecodeLimit } from '../src';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a regular file is read whole', () => {
  const file = path.join(dir, 'a.bin');
  fs.writeFileSync(file, Buffer.from([1, 2, 3]));
  expect([...readFileWithinLimit(file, 'op')]).toEqual([1, 2, 3]);
});

test.each([
  ['a device (even behind a symlink)', () => { const l = path.join(dir, 'zero.png'); fs.symlinkSync('/dev/zero', l); return l; }],
  ['a pipe', () => { const p = path.join(dir, 'fifo'); execFileSync('mkfifo', [p]); return p; }],
  ['a folder', () => dir],
])('%s is a FormatError, at once', (_n, make) => {
  const p = make();
  expect(() => readFileWithinLimit(p, 'decodeImage')).toThrow(FormatError);
  expect(() => readFileWithinLimit(p, 'decodeImage')).toThrow(`decodeImage: cannot read '${p}' (not a regular file)`);
});

test('a missing file names the path and the reason', () => {
  const p = path.join(dir, 'absent');
  expect(() => readFileWithinLimit(p, 'op')).toThrow(`op: cannot read '${p}' (ENOENT: no such file or directory`);
});

test('a file over the decode limit is an AllocationError', () => {
  const file = path.join(dir, 'b.bin');
  fs.writeFileSync(file, Buffer.alloc(11));
  const before = getDecodeLimit();
  setDecodeLimit(10);
  try {
    expect(() => readFileWithinLimit(file, 'op')).toThrow(AllocationError);
    expect(() => readFileWithinLimit(file, 'op')).toThrow(`op: reading '${file}' would take 11 bytes, over the decode limit of 10 bytes`);
  } finally {
    setDecodeLimit(before);
  }
});
