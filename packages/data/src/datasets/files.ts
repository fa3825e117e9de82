/** Reading dataset files: whole files, gunzipped when they are gzip, with errors naming the file. */
import * as fs from 'fs';
import * as zlib from 'zlib';
import { FormatError } from '@cresset/tensor';

/** The raw bytes of a file; a file that cannot be read is a FormatError naming it. */
export function readFile(path: string): Buffer {
  try {
    return fs.readFileSync(path);
  } catch (e) {
    throw new FormatError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/** The bytes of a file, decompressed if it starts with the gzip magic bytes. */
export function readBytes(path: string): Uint8Array {
  let buf = readFile(path);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = zlib.gunzipSync(buf);
    } catch (e) {
      throw new FormatError(`${path}: corrupt gzip data (${(e as Error).message})`);
    }
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** The first existing path among candidates (e.g. with and without .gz), or an error listing them. */
export function findFile(dir: string, names: string[], what: string): string {
  for (const n of names) {
    const p = `${dir}/${n}`;
    if (fs.existsSync(p)) return p;
  }
  throw new FormatError(`${what}: none of ${names.join(', ')} found in ${dir}`);
}
