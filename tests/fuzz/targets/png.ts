/**
 * PNG through ImageFolder's decoder. A result is right when its size is the one IHDR gives and,
 * when IHDR is the original's, its pixels are the original's (every chunk carries a CRC, so any
 * other change must be refused); with another IHDR, the image data must inflate to exactly the
 * rows it implies.
 */
import * as zlib from 'zlib';
import { PNG } from 'pngjs';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';
import { Decoded, decodeIn, writeImage } from './image_file';

const W = 13;
const H = 9;
let original: Uint8Array;
let originalIhdr: Buffer;

/** Bytes of filtered scanlines IHDR (13 bytes) implies, Adam7 passes included. */
function scanlineBytes(ihdr: Buffer): number {
  const [w, h, depth, color, interlace] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]];
  const bits = depth * ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[color];
  const rows = (pw: number, ph: number) => (pw > 0 && ph > 0 ? ph * (1 + Math.ceil((pw * bits) / 8)) : 0);
  if (!interlace) return rows(w, h);
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]];
  return passes.reduce((s, [x0, y0, dx, dy]) => s + rows(Math.ceil((w - x0) / dx), Math.ceil((h - y0) / dy)), 0);
}

/** The chunk with a fresh CRC. */
function chunk(type: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(tb));
  return Buffer.concat([len, tb, crc]);
}

/** IHDR fields edited with the CRC fixed (so only the values lie), a chunk length edited, or a harmless ancillary chunk added. */
function editHeader(rng: Rng, bytes: Uint8Array): Mutation {
  const b = Buffer.from(bytes);
  const ihdr = Buffer.from(b.subarray(16, 29));
  const r = rng.int(0, 4);
  if (r === 3) {
    const text = chunk('tEXt', Buffer.from('Comment\0fuzz', 'latin1'));
    return { what: 'a tEXt chunk added after IHDR', bytes: new Uint8Array(Buffer.concat([b.subarray(0, 33), text, b.subarray(33)])) };
  }
  if (r === 2) {
    const at = 33;
    b.writeUInt32BE(rng.pick([0, 1, b.readUInt32BE(at) + 1, 2 ** 31 - 1, 2 ** 32 - 1]), at);
    return { what: `IDAT length set to ${b.readUInt32BE(at)}`, bytes: new Uint8Array(b) };
  }
  const field = rng.pick(['width', 'height', 'depth', 'color', 'interlace'] as const);
  if (field === 'width' || field === 'height') ihdr.writeUInt32BE(rng.pick([0, 1, W - 1, W + 1, H, 20000, 2 ** 31]), field === 'width' ? 0 : 4);
  else ihdr[{ depth: 8, color: 9, interlace: 12 }[field]] = rng.pick({ depth: [1, 2, 4, 8, 16, 3], color: [0, 2, 3, 4, 6, 5], interlace: [0, 1, 2] }[field]);
  const edited = Buffer.concat([b.subarray(0, 8), chunk('IHDR', ihdr), b.subarray(33)]);
  return { what: `IHDR ${field} edited (IHDR now ${ihdr.toString('hex')})`, bytes: new Uint8Array(edited) };
}

export const pngTarget: Target = {
  setup(dir) {
    const png = new PNG({ width: W, height: H });
    for (let k = 0; k < W * H * 4; k++) png.data[k] = (k * 29) % 256;
    const bytes = PNG.sync.write(png);
    originalIhdr = Buffer.from(bytes.subarray(16, 29));
    const file = writeImage(dir, 'a.png', bytes);
    original = decodeIn(dir, 'a.png').planes;
    return [file];
  },
  editHeader,
  read: (dir) => decodeIn(dir, 'a.png'),
  check(result, _file, bytes) {
    const img = result as Decoded;
    const b = Buffer.from(bytes);
    if (img.width !== b.readUInt32BE(16) || img.height !== b.readUInt32BE(20)) return `decoded ${img.width}x${img.height}, IHDR says ${b.readUInt32BE(16)}x${b.readUInt32BE(20)}`;
    if (originalIhdr.equals(b.subarray(16, 29))) return Buffer.from(img.planes).equals(Buffer.from(original)) ? null : 'pixels differ from the original with the original IHDR';
    // another IHDR: its rows must be exactly what the image data inflate to
    const inflated = zlib.inflateSync(b.subarray(41, 41 + b.readUInt32BE(33))).length;
    if (b.toString('latin1', 37, 41) !== 'IDAT' || inflated !== scanlineBytes(b.subarray(16, 29))) return `decoded an IHDR of ${scanlineBytes(b.subarray(16, 29))} row bytes over ${inflated} bytes of image data`;
    return null;
  },
};
