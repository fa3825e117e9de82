/**
 * Decoding PNG (pngjs) and JPEG (jpeg-js) files into RGB pixels, as torchvision's default loader
 * does with PIL's convert('RGB'): the alpha channel is dropped, 16-bit PNG is scaled to 8 bits.
 * A file that does not decode is a FormatError naming it; the header's dims are checked against
 * the decode limit before anything is decoded.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { FormatError, getDecodeLimit, readFileWithinLimit } from '@cresset/tensor';
import { checkJpeg } from './jpeg_check';
import { checkPng } from './png_check';

export interface RgbImage {
  width: number;
  height: number;
  /** Pixels as C x H x W planes (R, then G, then B). */
  planes: Uint8Array;
}

export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** RGBA rows (what both decoders give) to RGB planes. */
function rgbaToPlanes(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const n = width * height;
  const out = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) {
    out[i] = rgba[4 * i];
    out[n + i] = rgba[4 * i + 1];
    out[2 * n + i] = rgba[4 * i + 2];
  }
  return out;
}

/** Reads and decodes one PNG or JPEG file, choosing the decoder by the file's signature. */
export function decodeImage(file: string): RgbImage {
  const buf = readFileWithinLimit(file, 'decodeImage');
  const isPng = buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47;
  const isJpeg = buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff;
  if (!isPng && !isJpeg) {
    const head = Array.from(buf.subarray(0, 4)).map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new FormatError(`${file}: not a PNG or JPEG image (the ${buf.length}-byte file starts with ${head || 'nothing'} at offset 0; expected 89 50 4e 47 or ff d8 ff)`);
  }
  if (isPng) checkPng(buf, file);
  else checkJpeg(buf, file);
  try {
    if (isPng) {
      const png = PNG.sync.read(buf);
      return { width: png.width, height: png.height, planes: rgbaToPlanes(png.data, png.width, png.height) };
    }
    const img = jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: Math.ceil(getDecodeLimit() / 2 ** 20) });
    return { width: img.width, height: img.height, planes: rgbaToPlanes(img.data, img.width, img.height) };
  } catch (e) {
    throw new FormatError(`${file}: corrupt or truncated ${isPng ? 'PNG' : 'JPEG'} (${buf.length} bytes): ${(e as Error).message}`);
  }
}
