/**
 * F.conv1d / conv2d / conv3d (one definition for N dims) and F.conv_transpose1d/2d/3d:
 * stride, padding (ints, tuples, 'same', 'valid'), dilation, groups.
 */
import { Convolution, ConvTranspose, pad as padTensor, Tensor } from '@cresset/autograd';
import { samePadding as samePaddingOf, ShapeError, ValueError } from '@cresset/tensor';
import { IntOrTuple, ntuple } from '../utils';
import { checkConvDTypes, checkConvGeometry } from './conv_checks';

export type ConvPadding = IntOrTuple | 'same' | 'valid';

/** Stride, dilation and groups: the options convolution and its transpose share. */
export interface ConvGeometryOptions {
  stride?: IntOrTuple;
  dilation?: IntOrTuple;
  groups?: number;
}

export interface ConvOptions extends ConvGeometryOptions {
  padding?: ConvPadding;
}

/** stride and dilation as nd-tuples (default 1) and groups (default 1), as PyTorch's defaults. */
function geometry(nd: number, op: string, opts: ConvGeometryOptions) {
  return {
    stride: ntuple(opts.stride ?? 1, nd, 'stride', op),
    dilation: ntuple(opts.dilation ?? 1, nd, 'dilation', op),
    groups: opts.groups ?? 1,
  };
}

/**
 * padding='same' per dim as [before, after]: total d(k - 1), the odd extra after, as PyTorch.
 */
export function samePadding(kernel: readonly number[], dilation: readonly number[]): [number, number][] {
  return kernel.map((k, i) => samePaddingOf(k, dilation[i]));
}

/** Convolution over the last nd dims of input [N, C, ...] or [C, ...] (unbatched). */
export function convNd(nd: number, input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvOptions = {}): Tensor {
  const op = `conv${nd}d`;
  const { stride, dilation, groups } = geometry(nd, op, opts);
  if (weight.ndim !== nd + 2) throw new ShapeError(`${op}: expected weight of ${nd + 2} dims [out, in/groups, ...kernel], got [${weight.shape.join(', ')}]`);
  checkConvDTypes(op, input, weight, bias);
  const explicit = typeof opts.padding === 'string' ? null : ntuple(opts.padding ?? 0, nd, 'padding', op);
  checkConvGeometry(op, stride, explicit, dilation, groups);
  return batched(op, input, nd, (x) => {
    let padding: number[];
    let x2 = x;
    const p = opts.padding ?? 0;
    if (p === 'valid') padding = new Array(nd).fill(0);
    else if (p === 'same') {
      if (stride.some((s) => s !== 1)) throw new ValueError(`${op}: padding='same' is not supported for strided convolutions`);
      const sides = samePadding(weight.shape.slice(2), dilation);
      padding = sides.map(([before]) => before);
      if (sides.some(([before, after]) => after !== before)) {
        const extra: number[] = [];
        for (let i = nd - 1; i >= 0; i--) extra.push(0, sides[i][1] - sides[i][0]);
        x2 = padTensor(x, extra);
      }
    } else padding = explicit!;
    const inputs = bias ? [x2, weight, bias] : [x2, weight];
    return new Convolution({ stride, padding, dilation, groups }, op).apply(...inputs);
  });
}

/**
 * PyTorch's check: unbatched [C, ...spatial] or batched [N, C, ...spatial] input; runs `f` on the
 * batched form and returns its result in the input's form.
 */
function batched(op: string, input: Tensor, nd: number, f: (x: Tensor) => Tensor): Tensor {
  if (input.ndim !== nd + 1 && input.ndim !== nd + 2) {
    throw new ShapeError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${op}, but got input of size: [${input.shape.join(', ')}]`);
  }
  if (input.ndim === nd + 2) return f(input);
  return f(input.unsqueeze(0)).squeeze(0);
}

export const conv1d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(1, x, w, b, o);
export const conv2d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(2, x, w, b, o);
export const conv3d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(3, x, w, b, o);

export interface ConvTransposeOptions extends ConvGeometryOptions {
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
}

/** Transposed convolution (the gradient of convolution with respect to its input); weight [C_in, C_out / groups, ...kernel]. */
export function convTransposeNd(nd: number, input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTransposeOptions = {}): Tensor {
  const op = `conv_transpose${nd}d`;
  const params = { ...geometry(nd, op, opts), padding: ntuple(opts.padding ?? 0, nd, 'padding', op) };
  const outputPadding = ntuple(opts.outputPadding ?? 0, nd, 'output_padding', op);
  checkConvDTypes(op, input, weight, bias);
  checkConvGeometry(op, params.stride, params.padding, params.dilation, params.groups);
  outputPadding.forEach((o, i) => {
    if (o >= params.stride[i] && o >= params.dilation[i]) {
      throw new ValueError(`${op}: output padding must be smaller than either stride or dilation, but got output_padding=${outputPadding.join('x')}, stride=${params.stride.join('x')}, dilation=${params.dilation.join('x')}`);
    }
  });
  return batched(op, input, nd, (x) => new ConvTranspose(params, outputPadding, op).apply(...(bias ? [x, weight, bias] : [x, weight])));
}

export const convTranspose1d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(1, x, w, b, o);
export const convTranspose2d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(2, x, w, b, o);
export const convTranspose3d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(3, x, w, b, o);
