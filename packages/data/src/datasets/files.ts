/**
 * Reading dataset files: whole files, gunzipped when they are gzip, within the decode limit, with
 * errors naming the file.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import { AllocationError, ENGINE_MAX_BYTES, FormatError, getDecodeLimit, readFileWithinLimit } from '@cresset/tensor';

/** Gunzips `buf` (the bytes of `path`), stopping with an AllocationError at the decode limit. */
function gunzip(buf: Buffer, path: string): Buffer {
  const limit = Math.min(getDecodeLimit(), ENGINE_MAX_BYTES);
  try {
    return zlib.gunzipSync(buf, { maxOutputLength: limit });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new AllocationError(`${path}: the ${buf.length} bytes of gzip data decompress to more than the decode limit of ${limit} bytes (setDecodeLimit or CRESSET_DECODE_LIMIT raises it)`);
    }
    throw new FormatError(`${path}: corrupt gzip data (${(e as Error).message})`);
  }
}

/** The bytes of a file read by `op`, decompressed if it starts with the gzip magic bytes. */
export function readBytes(path: string, op = 'readBytes'): Uint8Array {
  let buf = readFileWithinLimit(path, op);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzip(buf, path);
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
