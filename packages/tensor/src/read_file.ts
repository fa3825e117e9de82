/** Reading files for a reader, within the decode limit: a whole file, or one byte range of it. */
import * as fs from 'fs';
import { CressetError, FormatError } from './errors';
import { checkDecodeSize } from './limits';

/**
 * Runs `read` on the open regular file at `path` with its size: a file that cannot be read, or is
 * not a regular file (a device, a pipe), is a FormatError naming `op`.
 */
function withRegularFile<T>(path: string, op: string, read: (fd: number, size: number, cannot: (why: string) => FormatError) => T): T {
  const cannot = (why: string) => new FormatError(`${op}: cannot read '${path}' (${why})`);
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK); // a pipe must not block the open
  } catch (e) {
    throw cannot((e as Error).message);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw cannot('not a regular file');
    return read(fd, st.size, cannot);
  } catch (e) {
    throw e instanceof CressetError ? e : cannot((e as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}

/** `length` bytes of fd from `offset` into a new Buffer. */
function readRange(fd: number, offset: number, length: number, cannot: (why: string) => FormatError): Buffer {
  const buf = Buffer.alloc(length);
  let at = 0;
  while (at < length) {
    const n = fs.readSync(fd, buf, at, Math.min(length - at, 2 ** 30), offset + at);
    if (n === 0) throw cannot(`it shrank to ${offset + at} bytes while being read`);
    at += n;
  }
  return buf;
}

/**
 * The bytes of the regular file at `path`, read by `op` (which names it in errors); one larger
 * than the decode limit is an AllocationError before it is read.
 */
export function readFileWithinLimit(path: string, op: string): Buffer {
  return withRegularFile(path, op, (fd, size, cannot) => {
    checkDecodeSize(`${op}: reading '${path}'`, size);
    return readRange(fd, 0, size, cannot);
  });
}

/** The size in bytes of the regular file at `path` (errors as readFileWithinLimit's). */
export function regularFileSize(path: string, op: string): number {
  return withRegularFile(path, op, (_fd, size) => size);
}

/**
 * `length` bytes of the regular file at `path` from `offset` (a range the caller checked against
 * regularFileSize), within the decode limit: the file itself may be larger than the limit.
 */
export function readFileRange(path: string, op: string, offset: number, length: number): Buffer {
  return withRegularFile(path, op, (fd, size, cannot) => {
    if (offset + length > size) throw cannot(`the range of ${length} bytes at offset ${offset} runs past its ${size} bytes`);
    checkDecodeSize(`${op}: reading ${length} bytes of '${path}'`, length);
    return readRange(fd, offset, length, cannot);
  });
}
