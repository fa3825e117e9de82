/** What the image targets share: where the image lives and what decoding it gives. */
import * as fs from 'fs';
import * as path from 'path';
import { datasets } from '@cresset/data';

export type Decoded = ReturnType<typeof datasets.decodeImage>;

/** Writes `bytes` as the one image of class folder 'cls' in `dir`; returns its path. */
export function writeImage(dir: string, name: string, bytes: Uint8Array): string {
  fs.mkdirSync(path.join(dir, 'cls'), { recursive: true });
  const file = path.join(dir, 'cls', name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Decodes the image `name` that writeImage put in `dir`. */
export const decodeIn = (dir: string, name: string): Decoded => datasets.decodeImage(path.join(dir, 'cls', name));
