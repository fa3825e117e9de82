/** Reading a whole file for a reader, within the decode limit. */
import * as fs from 'fs';
import { CressetError, FormatError } from './errors';
import { checkDecodeSize } from './limits';

/**
 * The bytes of the regular file at `path`, read by `op` (which names it in errors): a file that
 * cannot be read, or is not a regular file (a device, a pipe), is a FormatError; one larger than
 * the decode limit an AllocationError before it is read.
 */
export function readFileWithinLimit(path: string, op: string): Buffer {
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
    checkDecodeSize(`${op}: reading '${path}'`, st.size);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = fs.readSync(fd, buf, at, st.size - at, at);
      if (n === 0) throw cannot(`it shrank to ${at} bytes while being read`);
      at += n;
    }
    return buf;
  } catch (e) {
    throw e instanceof CressetError ? e : cannot((e as Error).message);
  } finally {
    fs.closeSync(fd);
  }
}
