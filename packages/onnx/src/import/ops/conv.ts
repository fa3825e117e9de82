/** ONNX Conv and ConvTranspose on cresset's convolution (asymmetric pads through F.pad / narrow). */
import type { Tensor } from '@cresset/autograd';
import { pad } from '@cresset/autograd';
import { functional as F } from '@cresset/nn';
import type { OpContext } from '../op_context';
import { isSymmetric, resolvePads, torchPadList, windowOf } from './padding';

export function conv(c: OpContext): Tensor {
  let x = c.input(0);
  const w = c.input(1);
  const nd = w.ndim - 2;
  const win = windowOf(c, c.attrs.ints('kernel_shape') ?? w.shape.slice(2));
  const pads = resolvePads(c, x.shape.slice(2), win);
  let padding = pads.begin;
  if (!isSymmetric(pads)) {
    x = pad(x, torchPadList(pads));
    padding = new Array(nd).fill(0);
  }
  return F.convNd(nd, x, w, c.optional(2) ?? null, { stride: win.stride, padding, dilation: win.dilation, groups: c.attrs.int('group', 1) });
}

/**
 * ConvTranspose: the full transposed convolution (no padding), then each dim cut to
 * [pad_begin, pad_begin + out) (zero-extended for output_padding), then the bias.
 */
export function convTranspose(c: OpContext): Tensor {
  const x = c.input(0);
  const w = c.input(1);
  const b = c.optional(2);
  const nd = w.ndim - 2;
  const win = windowOf(c, c.attrs.ints('kernel_shape') ?? w.shape.slice(2));
  const inSize = x.shape.slice(2);
  const outputPadding = c.attrs.ints('output_padding') ?? new Array(nd).fill(0);
  const full = inSize.map((L, i) => (L - 1) * win.stride[i] + (win.kernel[i] - 1) * win.dilation[i] + 1);
  const autoPad = c.attrs.string('auto_pad', 'NOTSET');
  let outputShape = c.attrs.ints('output_shape');
  if (outputShape && outputShape.length > nd) outputShape = outputShape.slice(outputShape.length - nd);
  if (!outputShape && (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER')) outputShape = inSize.map((L, i) => L * win.stride[i]);
  let begin: number[];
  let out: number[];
  if (outputShape) {
    out = outputShape;
    begin = out.map((o, i) => {
      const total = full[i] + outputPadding[i] - o;
      return autoPad === 'SAME_UPPER' ? Math.floor(total / 2) : total - Math.floor(total / 2);
    });
  } else {
    const pads = c.attrs.ints('pads') ?? new Array(2 * nd).fill(0);
    begin = pads.slice(0, nd);
    out = full.map((f, i) => f + outputPadding[i] - pads[i] - pads[nd + i]);
  }
  if (begin.some((p) => p < 0)) c.unsupported(`negative padding (${begin.join(', ')})`);
  let y = F.convTransposeNd(nd, x, w, null, { stride: win.stride, dilation: win.dilation, groups: c.attrs.int('group', 1) });
  const extra = out.map((o, i) => Math.max(0, begin[i] + o - full[i]));
  if (extra.some((e) => e > 0)) y = pad(y, torchPadList({ begin: new Array(nd).fill(0), end: extra }));
  for (let i = 0; i < nd; i++) if (begin[i] !== 0 || out[i] !== y.shape[2 + i]) y = y.narrow(2 + i, begin[i], out[i]);
  return b ? y.add(b.reshape([b.shape[0], ...new Array(nd).fill(1)])) : y;
}
