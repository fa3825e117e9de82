/**
 * Checks a JPEG file's frame header (SOF) before it is decoded: its dims nonzero and the decoded
 * size within the decode limit. The scan data carry no checksum: a flipped bit there decodes to
 * other pixels (as with any JPEG decoder) or to a decoder error.
 */
import { checkDecodeSize, FormatError } from '@cresset/tensor';

/** SOF markers: baseline, extended, progressive, lossless (Huffman and arithmetic coded). */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** The JPEG's width, height and components; throws a FormatError without a frame header, an AllocationError over the decode limit. */
export function checkJpeg(buf: Uint8Array, file: string): { width: number; height: number; components: number } {
  const fail = (msg: string): never => {
    throw new FormatError(`${file}: corrupt or truncated JPEG (${buf.length} bytes): ${msg}`);
  };
  let at = 2;
  for (;;) {
    while (at < buf.length && buf[at] === 0xff && buf[at + 1] === 0xff) at++; // fill bytes
    if (at + 4 > buf.length) return fail(`no frame header (SOF) before the end of the file at offset ${at}`);
    if (buf[at] !== 0xff) return fail(`expected a marker at offset ${at}, found byte ${buf[at]}`);
    const marker = buf[at + 1];
    const len = (buf[at + 2] << 8) | buf[at + 3];
    if (len < 2 || at + 2 + len > buf.length) return fail(`marker ff ${marker.toString(16)} at offset ${at} says ${len} bytes, past the end of the file`);
    if (SOF.has(marker)) {
      if (len < 8) fail(`the frame header at offset ${at} has ${len} bytes, expected at least 8`);
      const height = (buf[at + 5] << 8) | buf[at + 6];
      const width = (buf[at + 7] << 8) | buf[at + 8];
      const components = buf[at + 9];
      if (width === 0 || height === 0 || components === 0) fail(`the frame header at offset ${at} gives ${width}x${height} pixels in ${components} components`);
      checkDecodeSize(`${file}: the JPEG's ${width}x${height} pixels (frame header at offset ${at})`, width * height * (4 + components));
      return { width, height, components };
    }
    if (marker === 0xda) return fail(`the scan at offset ${at} starts before any frame header (SOF)`);
    at += 2 + len;
  }
}
