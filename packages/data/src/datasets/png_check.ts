/**
 * Checks a PNG file before it is decoded: every chunk within the file and its CRC right, IHDR's
 * dims and format valid, the decoded size within the decode limit, and the IDAT stream inflating
 * to exactly the bytes IHDR implies (pngjs fills missing rows with zeros, a silent garbage image).
 */
import * as zlib from 'zlib';
import { checkDecodeSize, FormatError } from '@cresset/tensor';

/** The bit depths each PNG colour type allows, and its channels. */
const COLOR_TYPES: Record<number, { depths: number[]; channels: number }> = {
  0: { depths: [1, 2, 4, 8, 16], channels: 1 },
  2: { depths: [8, 16], channels: 3 },
  3: { depths: [1, 2, 4, 8], channels: 1 },
  4: { depths: [8, 16], channels: 2 },
  6: { depths: [8, 16], channels: 4 },
};

/** Adam7's passes: first column, first row, column step, row step. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Bytes of filtered scanlines (a filter byte per row) for a w x h image of `bits` bits a pixel. */
function scanlineBytes(w: number, h: number, bits: number, interlaced: boolean): number {
  const rows = (pw: number, ph: number) => (pw > 0 && ph > 0 ? ph * (1 + Math.ceil((pw * bits) / 8)) : 0);
  if (!interlaced) return rows(w, h);
  return ADAM7.reduce((s, [x0, y0, dx, dy]) => s + rows(Math.ceil((w - x0) / dx), Math.ceil((h - y0) / dy)), 0);
}

/** Throws a FormatError (or an AllocationError over the decode limit) for a PNG that does not decode exactly. */
export function checkPng(buf: Uint8Array, file: string): void {
  const fail = (msg: string): never => {
    throw new FormatError(`${file}: corrupt or truncated PNG (${buf.length} bytes): ${msg}`);
  };
  const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b)) fail(`the 8-byte signature at offset 0 is not 89 50 4e 47 0d 0a 1a 0a`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const idat: Uint8Array[] = [];
  let ihdr: { w: number; h: number; bits: number; interlaced: boolean } | null = null;
  let at = 8;
  for (;;) {
    if (at + 12 > buf.length) fail(`the chunk at offset ${at} runs past the end of the file (no IEND chunk)`);
    const len = view.getUint32(at, false);
    const type = String.fromCharCode(...buf.subarray(at + 4, at + 8));
    if (len > buf.length - at - 12) fail(`chunk ${JSON.stringify(type)} at offset ${at} says ${len} bytes, more than the file holds`);
    const body = buf.subarray(at + 8, at + 8 + len);
    if (crc32(buf.subarray(at + 4, at + 8 + len)) !== view.getUint32(at + 8 + len, false)) fail(`chunk ${JSON.stringify(type)} at offset ${at} has a wrong CRC`);
    if (ihdr === null && type !== 'IHDR') fail(`the first chunk (offset ${at}) is ${JSON.stringify(type)}, expected IHDR`);
    if (type === 'IHDR') ihdr = parseIhdr(body, at, fail);
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const { w, h, bits, interlaced } = ihdr!;
  const raw = scanlineBytes(w, h, bits, interlaced);
  checkDecodeSize(`${file}: the PNG's ${w}x${h} pixels (IHDR at offset 8)`, raw + 4 * w * h);
  let inflated: Buffer;
  try {
    inflated = zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: raw });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return fail(`the image data inflate to more than the ${raw} bytes IHDR's ${w}x${h} pixels need`);
    return fail(`the image data do not inflate (${(e as Error).message})`);
  }
  if (inflated.length !== raw) fail(`the image data inflate to ${inflated.length} bytes, IHDR's ${w}x${h} pixels need ${raw}`);
}

function parseIhdr(body: Uint8Array, at: number, fail: (msg: string) => never) {
  if (body.length !== 13) fail(`IHDR at offset ${at} has ${body.length} bytes, expected 13`);
  const v = new DataView(body.buffer, body.byteOffset, 13);
  const [w, h] = [v.getUint32(0, false), v.getUint32(4, false)];
  const [depth, color, compression, filter, interlace] = body.subarray(8, 13);
  if (w === 0 || h === 0 || w > 0x7fffffff || h > 0x7fffffff) fail(`IHDR gives ${w}x${h} pixels, expected 1 to 2^31-1 each`);
  const ct = COLOR_TYPES[color];
  if (!ct || !ct.depths.includes(depth)) fail(`IHDR gives colour type ${color} with bit depth ${depth}, which PNG does not have`);
  if (compression !== 0 || filter !== 0 || interlace > 1) fail(`IHDR gives compression ${compression}, filter ${filter}, interlace ${interlace}; expected 0, 0, 0 or 1`);
  return { w, h, bits: depth * ct.channels, interlaced: interlace === 1 };
}
