/** ONNX Flatten, Reshape, Transpose, Concat, Identity, Slice, Pad, Unsqueeze, Squeeze and Expand on cresset's tensors. */
import { cat, pad, Tensor } from '@cresset/autograd';
import { FormatError } from '@cresset/tensor';
import type { OpContext } from '../op_context';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const wrap = (axis: number, n: number) => (axis < 0 ? axis + n : axis);

export function flatten(c: OpContext): Tensor {
  const x = c.input(0);
  const axis = wrap(c.attrs.int('axis', 1), x.ndim);
  if (axis < 0 || axis > x.ndim) c.unsupported(`axis ${c.attrs.int('axis', 1)} for a ${x.ndim}-d input`);
  return x.reshape([prod(x.shape.slice(0, axis)), prod(x.shape.slice(axis))]);
}

/** Reshape: 0 copies the input's dim (unless allowzero), -1 is inferred; before opset 5 the shape is an attribute. */
export function reshape(c: OpContext): Tensor {
  const x = c.input(0);
  const shape = c.opset < 5 ? c.attrs.ints('shape') ?? [] : c.intsInput(1);
  const allowZero = c.attrs.int('allowzero', 0) === 1;
  return x.reshape(shape.map((s, i) => (s === 0 && !allowZero ? x.shape[i] : s)));
}

export function transpose(c: OpContext): Tensor {
  const x = c.input(0);
  const perm = c.attrs.ints('perm') ?? x.shape.map((_, i) => x.ndim - 1 - i);
  return x.permute(perm);
}

export function concat(c: OpContext): Tensor {
  const xs = c.inputs.filter((t): t is Tensor => t !== undefined);
  return cat(xs, c.attrs.int('axis', 1));
}

export const identity = (c: OpContext): Tensor => c.input(0);

/**
 * Slice (opset 10+: starts, ends, axes, steps as inputs; before, as attributes). A negative step
 * walks back from start (clamped to [0, n-1]) while above end (clamped to [-1, n-1]), as ONNX
 * defines it: the same elements as a positive step over the axis flipped.
 */
export function slice(c: OpContext): Tensor {
  const x = c.input(0);
  const old = c.opset < 10;
  const starts = old ? c.attrs.ints('starts') ?? [] : c.intsInput(1);
  const ends = old ? c.attrs.ints('ends') ?? [] : c.intsInput(2);
  const axes = (old ? c.attrs.ints('axes') : c.optional(3) && c.intsInput(3)) ?? starts.map((_, i) => i);
  const steps = (!old && c.optional(4) && c.intsInput(4)) || starts.map(() => 1);
  let y = x;
  axes.forEach((a, i) => {
    const axis = wrap(a, x.ndim);
    const n = x.shape[axis];
    const step = steps[i];
    if (step === 0) throw new FormatError(`${c.where}: a step of 0`);
    const spec: (string | number[])[] = new Array(x.ndim).fill(':');
    const adjust = (v: number) => (v < 0 ? v + n : v);
    if (step > 0) {
      const clampIdx = (v: number) => Math.min(Math.max(adjust(v), 0), n);
      spec[axis] = [clampIdx(starts[i]), clampIdx(ends[i]), step];
    } else {
      const start = Math.min(Math.max(adjust(starts[i]), 0), n - 1);
      const end = Math.min(Math.max(adjust(ends[i]), -1), n - 1);
      spec[axis] = [n - 1 - start, Math.max(n - 1 - end, n - 1 - start), -step];
      y = y.flip(axis);
    }
    y = y.index(...(spec as Parameters<Tensor['index']>));
  });
  return y;
}

/**
 * Pad: pads [begins..., ends...] (an input from opset 11, else the attribute 'pads'/'paddings'),
 * modes constant / reflect / edge / wrap; negative pads crop.
 */
export function padOp(c: OpContext): Tensor {
  const x = c.input(0);
  const n = x.ndim;
  let pads: number[];
  let value = 0;
  if (c.opset < 11) {
    pads = c.attrs.ints('pads') ?? c.attrs.ints('paddings') ?? [];
    value = c.attrs.float('value', 0);
  } else {
    pads = c.intsInput(1);
    const v = c.optional(2);
    if (v) value = Number(v.array.contiguous().values()[0]);
    const axesInput = c.optional(3);
    if (axesInput) {
      const axes = c.intsInput(3).map((a) => wrap(a, n));
      const full = new Array(2 * n).fill(0);
      axes.forEach((a, i) => { full[a] = pads[i]; full[n + a] = pads[axes.length + i]; });
      pads = full;
    }
  }
  if (pads.length !== 2 * n) c.unsupported(`pads of length ${pads.length} for a ${n}-d input`);
  const mode = c.attrs.string('mode', 'constant');
  const torchMode = ({ constant: 'constant', reflect: 'reflect', edge: 'replicate', wrap: 'circular' } as const)[mode as 'constant'];
  if (!torchMode) c.unsupported(`mode '${mode}'`);
  const list: number[] = [];
  for (let d = n - 1; d >= 0; d--) list.push(Math.max(pads[d], 0), Math.max(pads[n + d], 0));
  while (list.length > 2 && list[list.length - 1] === 0 && list[list.length - 2] === 0) list.length -= 2;
  let y = list.some((p) => p !== 0) ? pad(x, list, torchMode, value) : x;
  for (let d = 0; d < n; d++) {
    const b = Math.max(-pads[d], 0);
    const e = Math.max(-pads[n + d], 0);
    if (b || e) y = y.narrow(d, b, y.shape[d] - b - e);
  }
  return y;
}

/** The axes of Unsqueeze / Squeeze: an input from opset 13, an attribute before. */
function axesOf(c: OpContext): number[] | undefined {
  return c.opset >= 13 ? (c.optional(1) ? c.intsInput(1) : undefined) : c.attrs.ints('axes');
}

/** Unsqueeze: size-1 dims inserted at `axes` (counted in the output's rank). */
export function unsqueeze(c: OpContext): Tensor {
  const x = c.input(0);
  const axes = axesOf(c);
  if (!axes) c.unsupported('Unsqueeze without axes');
  const rank = x.ndim + axes.length;
  const sorted = axes.map((a) => wrap(a, rank)).sort((a, b) => a - b);
  return sorted.reduce((t, a) => t.unsqueeze(a), x);
}

/** Squeeze: the size-1 dims at `axes` removed, or every size-1 dim without axes. */
export function squeeze(c: OpContext): Tensor {
  const x = c.input(0);
  const axes = axesOf(c);
  if (!axes) return x.reshape(x.shape.filter((s) => s !== 1));
  const drop = new Set(axes.map((a) => wrap(a, x.ndim)));
  for (const a of drop) if (x.shape[a] !== 1) c.unsupported(`squeezing axis ${a} of size ${x.shape[a]}`);
  return x.reshape(x.shape.filter((_, i) => !drop.has(i)));
}

/** Expand: x broadcast with the shape input in both directions (numpy's rule; a 1 in shape keeps x's dim). */
export function expand(c: OpContext): Tensor {
  const x = c.input(0);
  const target = c.intsInput(1);
  const rank = Math.max(x.ndim, target.length);
  const xs = [...new Array(rank - x.ndim).fill(1), ...x.shape];
  const ts = [...new Array(rank - target.length).fill(1), ...target];
  const out = xs.map((s, i) => {
    if (s !== ts[i] && s !== 1 && ts[i] !== 1) c.unsupported(`expanding [${x.shape.join(', ')}] to [${target.join(', ')}]`);
    return s === 1 ? ts[i] : s;
  });
  return x.reshape(xs).expand(out);
}
