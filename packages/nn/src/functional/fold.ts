/**
 * F.unfold (im2col) and F.fold (col2im) over [N, C, H, W] (or unbatched) input, composed from
 * pad, strided slices, cat and reshape: unfold's rows are ordered channel, then kernel row,
 * then kernel column, as PyTorch's; fold sums overlapping blocks, its adjoint.
 */
import { cat, pad, Tensor } from '@cresset/autograd';
import { convOutSize, ShapeError } from '@cresset/tensor';
import { IntOrTuple, ntuple } from '../utils';

export interface FoldOptions { dilation?: IntOrTuple; padding?: IntOrTuple; stride?: IntOrTuple }

function geometry(op: string, kernelSize: IntOrTuple, o: FoldOptions) {
  return {
    k: ntuple(kernelSize, 2, 'kernel_size', op),
    d: ntuple(o.dilation ?? 1, 2, 'dilation', op),
    p: ntuple(o.padding ?? 0, 2, 'padding', op),
    s: ntuple(o.stride ?? 1, 2, 'stride', op),
  };
}

/** The number of block positions along each dim. */
const blocks = (size: number[], g: ReturnType<typeof geometry>) => size.map((n, i) => convOutSize(n, g.k[i], g.s[i], g.p[i], g.d[i]));
const pyPair = (v: number[]) => `(${v.join(', ')})`;

/** [N, C, H, W] to [N, C kh kw, L], L the number of block positions. */
export function unfold(input: Tensor, kernelSize: IntOrTuple, opts: FoldOptions = {}): Tensor {
  if (input.ndim !== 3 && input.ndim !== 4) throw new ShapeError(`Input Error: Only 3D or 4D input Tensors are supported (got ${input.ndim}D)`);
  if (input.ndim === 3) return unfold(input.unsqueeze(0), kernelSize, opts).squeeze(0);
  const g = geometry('unfold', kernelSize, opts);
  const [n, c, h, w] = input.shape;
  const [oh, ow] = blocks([h, w], g);
  if (oh < 1 || ow < 1) throw new ShapeError(`Given input with spatial size (${h}, ${w}), kernel_size=${pyPair(g.k)}, dilation=${pyPair(g.d)}, padding=${pyPair(g.p)}, calculated shape of the array of sliding blocks as (${oh}, ${ow}), but its components must be at least one.`);
  const xp = pad(input, [g.p[1], g.p[1], g.p[0], g.p[0]]);
  const cols: Tensor[] = [];
  for (let i = 0; i < g.k[0]; i++) {
    for (let j = 0; j < g.k[1]; j++) {
      const r = i * g.d[0];
      const q = j * g.d[1];
      cols.push(xp.index(':', ':', [r, r + g.s[0] * (oh - 1) + 1, g.s[0]], [q, q + g.s[1] * (ow - 1) + 1, g.s[1]]).unsqueeze(2));
    }
  }
  return cat(cols, 2).reshape([n, c * g.k[0] * g.k[1], oh * ow]);
}

/** block [N, C, oh, ow] spread with stride s and placed at (r, q) in a zero [N, C, hp, wp]. */
function place(block: Tensor, s: number[], r: number, q: number, hp: number, wp: number): Tensor {
  const [n, c, oh, ow] = block.shape;
  let b = block;
  if (s[0] > 1 || s[1] > 1) {
    b = pad(b.reshape([n, c, oh, 1, ow, 1]), [0, s[1] - 1, 0, 0, 0, s[0] - 1]).reshape([n, c, oh * s[0], ow * s[1]]);
    b = b.narrow(2, 0, (oh - 1) * s[0] + 1).narrow(3, 0, (ow - 1) * s[1] + 1);
  }
  return pad(b, [q, wp - q - b.shape[3], r, hp - r - b.shape[2]]);
}

/** [N, C kh kw, L] to [N, C, H, W] for outputSize (H, W): each column's block added in at its position. */
export function fold(input: Tensor, outputSize: IntOrTuple, kernelSize: IntOrTuple, opts: FoldOptions = {}): Tensor {
  if (input.ndim !== 2 && input.ndim !== 3) throw new ShapeError(`Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got ${input.ndim}D)`);
  if (input.ndim === 2) return fold(input.unsqueeze(0), outputSize, kernelSize, opts).squeeze(0);
  const g = geometry('fold', kernelSize, opts);
  const [h, w] = ntuple(outputSize, 2, 'output_size', 'fold');
  const [n, ckk, l] = input.shape;
  const kk = g.k[0] * g.k[1];
  if (ckk % kk !== 0) throw new ShapeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${ckk} and kernel_size=${pyPair(g.k)}.`);
  const [oh, ow] = blocks([h, w], g);
  if (oh * ow !== l) throw new ShapeError(`Given output_size=${pyPair([h, w])}, kernel_size=${pyPair(g.k)}, dilation=${pyPair(g.d)}, padding=${pyPair(g.p)}, stride=${pyPair(g.s)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${oh} * ${ow} = ${oh * ow}, but got input.size(2)=${l}.`);
  const c = ckk / kk;
  const cols = input.reshape([n, c, kk, oh, ow]);
  const hp = h + 2 * g.p[0];
  const wp = w + 2 * g.p[1];
  let out: Tensor | null = null;
  for (let i = 0; i < g.k[0]; i++) {
    for (let j = 0; j < g.k[1]; j++) {
      const b = place(cols.narrow(2, i * g.k[1] + j, 1).squeeze(2), g.s, i * g.d[0], j * g.d[1], hp, wp);
      out = out ? out.add(b) : b;
    }
  }
  return out!.narrow(2, g.p[0], h).narrow(3, g.p[1], w);
}
