/**
 * ONNX's padding of windowed ops (Conv, pools): explicit pads [begins..., ends...] or auto_pad
 * SAME_UPPER / SAME_LOWER (output ceil(in / stride), the odd pad at the end or the start) / VALID.
 */
import { FormatError } from '@cresset/tensor';
import type { OpContext } from '../op_context';

/** Checks a list attribute has `n` integers of at least `min`. */
function checkInts(c: OpContext, name: string, v: readonly number[], n: number, min: number): number[] {
  if (v.length !== n || !v.every((x) => Number.isSafeInteger(x) && x >= min)) {
    throw new FormatError(`${c.where}: attribute '${name}' is [${v.join(', ')}], expected ${n} integers >= ${min}`);
  }
  return [...v];
}

export interface Pads {
  begin: number[];
  end: number[];
}

export interface Window {
  kernel: number[];
  stride: number[];
  dilation: number[];
}

/** The begin and end pads of each spatial dim. */
export function resolvePads(c: OpContext, inSize: readonly number[], w: Window): Pads {
  const nd = inSize.length;
  const autoPad = c.attrs.string('auto_pad', 'NOTSET');
  if (autoPad === 'NOTSET') {
    const pads = c.attrs.ints('pads') ?? new Array(2 * nd).fill(0);
    if (pads.length !== 2 * nd) c.unsupported(`pads of length ${pads.length} for ${nd} spatial dims`);
    checkInts(c, 'pads', pads, 2 * nd, 0);
    return { begin: pads.slice(0, nd), end: pads.slice(nd) };
  }
  if (autoPad === 'VALID') return { begin: new Array(nd).fill(0), end: new Array(nd).fill(0) };
  if (autoPad !== 'SAME_UPPER' && autoPad !== 'SAME_LOWER') c.unsupported(`auto_pad '${autoPad}'`);
  const begin: number[] = [];
  const end: number[] = [];
  inSize.forEach((L, i) => {
    const out = Math.ceil(L / w.stride[i]);
    const total = Math.max(0, (out - 1) * w.stride[i] + (w.kernel[i] - 1) * w.dilation[i] + 1 - L);
    const small = Math.floor(total / 2);
    begin.push(autoPad === 'SAME_UPPER' ? small : total - small);
    end.push(total - begin[i]);
  });
  return { begin, end };
}

/** F.pad's list (last dim first) for pads of the spatial dims. */
export function torchPadList(p: Pads): number[] {
  const out: number[] = [];
  for (let i = p.begin.length - 1; i >= 0; i--) out.push(p.begin[i], p.end[i]);
  return out;
}

export const isSymmetric = (p: Pads) => p.begin.every((b, i) => b === p.end[i]);

/** kernel_shape (or the weight's), strides and dilations with ONNX's defaults of 1, each checked to be integers >= 1. */
export function windowOf(c: OpContext, kernel: readonly number[]): Window {
  const nd = kernel.length;
  return {
    kernel: checkInts(c, 'kernel_shape', kernel, nd, 1),
    stride: checkInts(c, 'strides', c.attrs.ints('strides') ?? new Array(nd).fill(1), nd, 1),
    dilation: checkInts(c, 'dilations', c.attrs.ints('dilations') ?? new Array(nd).fill(1), nd, 1),
  };
}
