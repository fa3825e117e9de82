/**
 * JPEG through ImageFolder's decoder. JPEG has no checksum: a changed bit in the scan decodes to
 * other pixels, as in any decoder. A result is right when it holds 3 planes of its size and that
 * size is the frame header's.
 */
import * as jpeg from 'jpeg-js';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';
import { Decoded, decodeIn, writeImage } from './image_file';

/** The offset of the original file's frame header (no mutation moves it). */
let sof = -1;

/** The frame header's dims set to other values, its component count changed, or a marker length changed. */
function editHeader(rng: Rng, bytes: Uint8Array): Mutation {
  const b = Buffer.from(bytes);
  const r = rng.int(0, 3);
  if (r === 0) {
    b.writeUInt16BE(rng.pick([0, 1, 8, 17, 4000, 65535]), sof + 5);
    b.writeUInt16BE(rng.pick([0, 1, 8, 17, 4000, 65535]), sof + 7);
    return { what: `frame header dims set to ${b.readUInt16BE(sof + 7)}x${b.readUInt16BE(sof + 5)}`, bytes: new Uint8Array(b) };
  }
  if (r === 1) {
    b[sof + 9] = rng.pick([0, 1, 2, 4, 255]);
    return { what: `frame header components set to ${b[sof + 9]}`, bytes: new Uint8Array(b) };
  }
  const at = rng.pick([4, sof + 2]);
  b.writeUInt16BE(rng.pick([0, 1, 2, b.readUInt16BE(at) + 1, 65535]), at);
  return { what: `marker length at ${at} set to ${b.readUInt16BE(at)}`, bytes: new Uint8Array(b) };
}

export const jpegTarget: Target = {
  setup(dir) {
    const rgba = Buffer.alloc(16 * 12 * 4);
    for (let k = 0; k < rgba.length; k++) rgba[k] = (k * 13) % 256;
    const bytes = Buffer.from(jpeg.encode({ data: rgba, width: 16, height: 12 }, 90).data);
    sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
    return [writeImage(dir, 'a.jpg', bytes)];
  },
  editHeader,
  read: (dir) => decodeIn(dir, 'a.jpg'),
  check(result, _file, bytes) {
    const img = result as Decoded;
    const b = Buffer.from(bytes);
    if (img.planes.length !== 3 * img.width * img.height) return `${img.planes.length} plane bytes for ${img.width}x${img.height}`;
    if (b.length < sof + 9 || b[sof] !== 0xff || b[sof + 1] !== 0xc0) return null; // the marker itself changed: the size is the decoder's to find
    const [h, w] = [b.readUInt16BE(sof + 5), b.readUInt16BE(sof + 7)];
    if (img.width !== w || img.height !== h) return `decoded ${img.width}x${img.height}, the frame header says ${w}x${h}`;
    return null;
  },
};
