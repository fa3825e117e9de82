/**
 * F.conv1d / conv2d / conv3d (one definition for N dims) and F.conv_transpose1d/2d/3d:
 * stride, padding (ints, tuples, 'same', 'valid'), dilation, groups.
 */
import { Convolution, ConvTranspose, pad as padTensor, Tensor } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { IntOrTuple, ntuple } from '../utils';

export type ConvPadding = IntOrTuple | 'same' | 'valid';

export interface ConvOptions {
  stride?: IntOrTuple;
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
}

/** Convolution over the last nd dims of input [N, C, ...] or [C, ...] (unbatched). */
export function convNd(nd: number, input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvOptions = {}): Tensor {
  const op = `conv${nd}d`;
  const stride = ntuple(opts.stride ?? 1, nd, 'stride', op);
  const dilation = ntuple(opts.dilation ?? 1, nd, 'dilation', op);
  const groups = opts.groups ?? 1;
  if (weight.ndim !== nd + 2) throw new ShapeError(`${op}: expected weight of ${nd + 2} dims [out, in/groups, ...kernel], got [${weight.shape.join(', ')}]`);
  checkRank(op, input, nd);
  const unbatched = input.ndim === nd + 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  const kernel = weight.shape.slice(2);
  let padding: number[];
  let x2 = x;
  const p = opts.padding ?? 0;
  if (p === 'valid') padding = new Array(nd).fill(0);
  else if (p === 'same') {
    if (stride.some((s) => s !== 1)) throw new ValueError(`${op}: padding='same' is not supported for strided convolutions`);
    // total padding d(k - 1), the odd extra on the right, as PyTorch
    const total = kernel.map((k, i) => dilation[i] * (k - 1));
    padding = total.map((t) => Math.floor(t / 2));
    if (total.some((t) => t % 2 === 1)) {
      const extra: number[] = [];
      for (let i = nd - 1; i >= 0; i--) extra.push(0, total[i] % 2);
      x2 = padTensor(x, extra);
    }
  } else padding = ntuple(p, nd, 'padding', op);
  const params = { stride, padding, dilation, groups };
  const inputs = bias ? [x2, weight, bias] : [x2, weight];
  const y = new Convolution(params, op).apply(...inputs);
  return unbatched ? y.squeeze(0) : y;
}

/** PyTorch's check: unbatched [C, ...spatial] or batched [N, C, ...spatial] input. */
function checkRank(op: string, input: Tensor, nd: number): void {
  if (input.ndim !== nd + 1 && input.ndim !== nd + 2) {
    throw new ShapeError(`Expected ${nd + 1}D (unbatched) or ${nd + 2}D (batched) input to ${op}, but got input of size: [${input.shape.join(', ')}]`);
  }
}

export const conv1d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(1, x, w, b, o);
export const conv2d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(2, x, w, b, o);
export const conv3d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvOptions = {}) => convNd(3, x, w, b, o);

export interface ConvTransposeOptions {
  stride?: IntOrTuple;
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
  groups?: number;
  dilation?: IntOrTuple;
}

/** Transposed convolution (the gradient of convolution with respect to its input); weight [C_in, C_out / groups, ...kernel]. */
export function convTransposeNd(nd: number, input: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTransposeOptions = {}): Tensor {
  const op = `conv_transpose${nd}d`;
  const params = {
    stride: ntuple(opts.stride ?? 1, nd, 'stride', op),
    padding: ntuple(opts.padding ?? 0, nd, 'padding', op),
    dilation: ntuple(opts.dilation ?? 1, nd, 'dilation', op),
    groups: opts.groups ?? 1,
  };
  const outputPadding = ntuple(opts.outputPadding ?? 0, nd, 'output_padding', op);
  outputPadding.forEach((o, i) => {
    if (o >= params.stride[i] && o >= params.dilation[i]) {
      throw new ValueError(`${op}: output padding must be smaller than either stride or dilation, but got output_padding=${outputPadding.join('x')}, stride=${params.stride.join('x')}, dilation=${params.dilation.join('x')}`);
    }
  });
  checkRank(op, input, nd);
  const unbatched = input.ndim === nd + 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  const inputs = bias ? [x, weight, bias] : [x, weight];
  const y = new ConvTranspose(params, outputPadding, op).apply(...inputs);
  return unbatched ? y.squeeze(0) : y;
}

export const convTranspose1d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(1, x, w, b, o);
export const convTranspose2d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(2, x, w, b, o);
export const convTranspose3d = (x: Tensor, w: Tensor, b: Tensor | null = null, o: ConvTransposeOptions = {}) => convTransposeNd(3, x, w, b, o);
