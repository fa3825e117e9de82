/**
 * Convolution and pooling ops as ONNX Conv, ConvTranspose, MaxPool (with PyTorch's per-plane
 * indices), AveragePool and GlobalAveragePool, following PyTorch 1.13's symbolic functions.
 */
import { poolOutSize, PoolParams } from '@cresset/tensor';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';
import { settingsOf } from '../op_settings';

const twice = (p: readonly number[]) => [...p, ...p];

/** Pooling in ONNX needs [N, C, ...spatial]. */
function checkBatched(c: ConvertContext, nd: number): void {
  const x = c.inputs[0];
  if (typeof x === 'number' || x.ndim !== nd + 2) c.unsupported(`pooling of an unbatched input (${nd + 1}-d); add the batch dim with unsqueeze(0)`);
}

/**
 * ONNX's ceil_mode counts a last window that starts in the right padding; PyTorch drops it. So
 * ceil_mode is written as the mode whose ONNX output size is PyTorch's, in every dim.
 */
function ceilModeAttr(c: ConvertContext, p: PoolParams) {
  const inSize = (c.inputs[0] as { shape: readonly number[] }).shape.slice(2);
  const torchOut = inSize.map((L, i) => poolOutSize(L, p.kernel[i], p.stride[i], p.padding[i], p.dilation[i], p.ceilMode));
  const onnxOut = (ceil: boolean) => inSize.map((L, i) => {
    const span = (L + 2 * p.padding[i] - p.dilation[i] * (p.kernel[i] - 1) - 1) / p.stride[i];
    return (ceil ? Math.ceil(span) : Math.floor(span)) + 1;
  });
  const same = (a: number[]) => a.every((o, i) => o === torchOut[i]);
  if (same(onnxOut(false))) return attr.int('ceil_mode', 0);
  if (same(onnxOut(true))) return attr.int('ceil_mode', 1);
  return c.unsupported(`ceil_mode pooling whose last window starts in the padding in some dims only (output ${torchOut.join('x')})`);
}

export function convolution(c: ConvertContext): void {
  const { params: p } = settingsOf(c.fn, 'Convolution');
  const w = c.inputs[1] as { shape: readonly number[] };
  const ins = [c.input(0), c.input(1)];
  if (c.hasInput(2)) ins.push(c.input(2));
  c.result(...c.node('Conv', ins, [
    attr.ints('dilations', p.dilation), attr.int('group', p.groups), attr.ints('kernel_shape', w.shape.slice(2)),
    attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ]));
}

export function convTranspose(c: ConvertContext): void {
  const { params: p, outputPadding } = settingsOf(c.fn, 'ConvTranspose');
  const w = c.inputs[1] as { shape: readonly number[] };
  const ins = [c.input(0), c.input(1)];
  if (c.hasInput(2)) ins.push(c.input(2));
  const attrs = [
    attr.ints('dilations', p.dilation), attr.int('group', p.groups), attr.ints('kernel_shape', w.shape.slice(2)),
    attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ];
  if (outputPadding.some((o) => o !== 0)) attrs.push(attr.ints('output_padding', outputPadding));
  c.result(...c.node('ConvTranspose', ins, attrs));
}

/**
 * MaxPool. ONNX's Indices count over the whole tensor, PyTorch's within each plane: as PyTorch's
 * exporter does, a 1x1 MaxPool gives every element's flat index, whose first per plane is subtracted.
 */
export function maxPool(c: ConvertContext): void {
  const { params: p } = settingsOf(c.fn, 'MaxPool');
  const nd = p.kernel.length;
  checkBatched(c, nd);
  const x = c.input(0);
  const attrs = [
    ceilModeAttr(c, p), attr.ints('dilations', p.dilation), attr.ints('kernel_shape', p.kernel),
    attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ];
  const [values, globalIdx] = c.node('MaxPool', [x], attrs, 2);
  const ones = new Array(nd).fill(1);
  const [, allIdx] = c.node('MaxPool', [x], [attr.ints('kernel_shape', ones), attr.ints('strides', ones)], 2);
  const axes = Array.from({ length: nd }, (_, i) => i + 2);
  const [first] = c.node('Slice', [allIdx, c.graph.ints(new Array(nd).fill(0)), c.graph.ints(ones), c.graph.ints(axes)]);
  const [indices] = c.node('Sub', [globalIdx, first]);
  c.result(values, indices);
}

export function avgPool(c: ConvertContext): void {
  const { params: p } = settingsOf(c.fn, 'AvgPool');
  const nd = p.kernel.length;
  checkBatched(c, nd);
  if (p.divisorOverride !== null) c.unsupported('avg_pool with divisor_override');
  c.result(...c.node('AveragePool', [c.input(0)], [
    ceilModeAttr(c, { ...p, dilation: p.kernel.map(() => 1) }), attr.int('count_include_pad', p.countIncludePad ? 1 : 0),
    attr.ints('kernel_shape', p.kernel), attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ]));
}

/** Adaptive average pooling: GlobalAveragePool to 1x1, else AveragePool when the sizes divide (as PyTorch's exporter). */
export function adaptiveAvgPool(c: ConvertContext): void {
  const { outSize } = settingsOf(c.fn, 'AdaptiveAvgPool');
  const nd = outSize.length;
  checkBatched(c, nd);
  const inSize = (c.inputs[0] as { shape: readonly number[] }).shape.slice(2);
  if (outSize.every((o) => o === 1)) {
    c.result(...c.node('GlobalAveragePool', [c.input(0)]));
    return;
  }
  if (inSize.some((L, i) => L % outSize[i] !== 0)) {
    c.unsupported(`adaptive_avg_pool from [${inSize.join(', ')}] to [${outSize.join(', ')}] (sizes that do not divide)`);
  }
  const k = inSize.map((L, i) => L / outSize[i]);
  c.result(...c.node('AveragePool', [c.input(0)], [attr.ints('kernel_shape', k), attr.ints('strides', k)]));
}
