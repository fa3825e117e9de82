/** Reading a whole file for a reader, within the decode limit. */
import * as fs from 'fs';
import { FormatError } from './errors';
import { checkDecodeSize } from './limits';

/**
 * The bytes of the file at `path`, read by `op` (which names it in errors): a file that cannot be
 * read is a FormatError, one larger than the decode limit an AllocationError before it is read.
 */
export function readFileWithinLimit(path: string, op: string): Buffer {
  let size: number;
  try {
    size = fs.statSync(path).size;
  } catch (e) {
    throw new FormatError(`${op}: cannot read '${path}' (${(e as Error).message})`);
  }
  checkDecodeSize(`${op}: reading '${path}'`, size);
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw new FormatError(`${op}: cannot read '${path}' (${(e as Error).message})`);
  }
}
