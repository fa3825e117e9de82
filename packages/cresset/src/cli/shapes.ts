/** Parsing image shapes given as CxHxW on the command line, and the LeNet that fits one. */
import { ValueError } from '@cresset/tensor';
import type { LeNetOptions } from '../models';

/** "3x32x32" -> [3, 32, 32]. */
export function parseShape(option: string, s: string): number[] {
  const dims = s.split(/[x,]/).map(Number);
  if (dims.length === 0 || !dims.every((d) => Number.isInteger(d) && d > 0)) throw new ValueError(`--${option} ${s}: expected positive sizes like 3x32x32`);
  return dims;
}

/** LeNet's options for an image shape: 1x28x28 pads the first conv by 2, 3x32x32 does not. */
export function lenetOptionsFor(shape: number[]): LeNetOptions {
  const [c, h, w] = shape;
  if (shape.length !== 3 || h !== w || (h !== 28 && h !== 32)) {
    throw new ValueError(`lenet: input ${shape.join('x')} is not supported; expected Cx32x32 or Cx28x28 (the flattened features must be 16x5x5)`);
  }
  return { inChannels: c, padding: h === 28 ? 2 : 0 };
}
