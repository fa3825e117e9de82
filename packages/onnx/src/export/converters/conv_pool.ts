/**
 * Convolution and pooling ops as ONNX Conv, ConvTranspose, MaxPool (with PyTorch's per-plane
 * indices), AveragePool and GlobalAveragePool, following PyTorch 1.13's symbolic functions.
 */
import type { AdaptiveAvgPool, AvgPool, Convolution, ConvTranspose, MaxPool } from '@cresset/autograd';
import { poolOutSize, PoolParams } from '@cresset/tensor';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

const twice = (p: readonly number[]) => [...p, ...p];

/**
 * Pooling in ONNX needs [N, C, ...spatial]: an unbatched input [C, ...spatial] is reshaped to one
 * batch item, and `unbatch` reshapes each result back.
 */
function batchedInput(c: ConvertContext, nd: number): { x: string; unbatch: (v: string, shape: readonly number[]) => string } {
  const shape = c.shapeOf(0);
  if (shape.length === nd + 2) return { x: c.input(0), unbatch: (v) => v };
  const [x] = c.node('Reshape', [c.input(0), c.graph.ints([1, ...shape])]);
  return { x, unbatch: (v, shape) => c.node('Reshape', [v, c.graph.ints(shape)])[0] };
}

/**
 * ONNX's ceil_mode counts a last window that starts in the right padding; PyTorch drops it. So
 * ceil_mode is written as the mode whose ONNX output size is PyTorch's, in every dim.
 */
function ceilModeAttr(c: ConvertContext, p: PoolParams) {
  const shape = c.shapeOf(0);
  const inSize = shape.slice(shape.length - p.kernel.length);
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

export function convolution(c: ConvertContext, { params: p }: Convolution): void {
  const ins = [c.input(0), c.input(1)];
  if (c.hasInput(2)) ins.push(c.input(2));
  c.result(...c.node('Conv', ins, [
    attr.ints('dilations', p.dilation), attr.int('group', p.groups), attr.ints('kernel_shape', c.shapeOf(1).slice(2)),
    attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ]));
}

export function convTranspose(c: ConvertContext, { params: p, outputPadding }: ConvTranspose): void {
  const ins = [c.input(0), c.input(1)];
  if (c.hasInput(2)) ins.push(c.input(2));
  const attrs = [
    attr.ints('dilations', p.dilation), attr.int('group', p.groups), attr.ints('kernel_shape', c.shapeOf(1).slice(2)),
    attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ];
  if (outputPadding.some((o) => o !== 0)) attrs.push(attr.ints('output_padding', outputPadding));
  c.result(...c.node('ConvTranspose', ins, attrs));
}

/**
 * MaxPool. ONNX's Indices count over the whole tensor, PyTorch's within each plane: as PyTorch's
 * exporter does, a 1x1 MaxPool gives every element's flat index, whose first per plane is subtracted.
 */
export function maxPool(c: ConvertContext, { params: p }: MaxPool): void {
  const nd = p.kernel.length;
  const { x, unbatch } = batchedInput(c, nd);
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
  c.result(unbatch(values, c.out.shape), unbatch(indices, c.out.shape));
}

/**
 * AveragePool. divisor_override: without partial windows (ceil_mode off) every window counts
 * prod(kernel) elements with the padding, so it is AveragePool(count_include_pad) * prod(kernel) / divisor.
 */
export function avgPool(c: ConvertContext, { params: p }: AvgPool): void {
  const nd = p.kernel.length;
  const ceilMode = ceilModeAttr(c, { ...p, dilation: p.kernel.map(() => 1) });
  const override = p.divisorOverride;
  if (override !== null && ceilMode.i === 1) c.unsupported('avg_pool with divisor_override and ceil_mode windows that are cut off');
  const { x, unbatch } = batchedInput(c, nd);
  let [y] = c.node('AveragePool', [x], [
    ceilMode, attr.int('count_include_pad', p.countIncludePad || override !== null ? 1 : 0),
    attr.ints('kernel_shape', p.kernel), attr.ints('pads', twice(p.padding)), attr.ints('strides', p.stride),
  ]);
  if (override !== null) {
    const scale = p.kernel.reduce((a, b) => a * b, 1) / override;
    y = c.node('Mul', [y, c.graph.valueOf(scale, c.out.dtype, c.where)])[0];
  }
  c.result(unbatch(y, c.out.shape));
}

/** Adaptive average pooling: GlobalAveragePool to 1x1, else AveragePool when the sizes divide (as PyTorch's exporter). */
export function adaptiveAvgPool(c: ConvertContext, { outSize }: AdaptiveAvgPool): void {
  const nd = outSize.length;
  const inShape = c.shapeOf(0);
  const inSize = inShape.slice(inShape.length - nd);
  if (outSize.every((o) => o === 1)) {
    const { x, unbatch } = batchedInput(c, nd);
    c.result(unbatch(c.node('GlobalAveragePool', [x])[0], c.out.shape));
    return;
  }
  if (inSize.some((L, i) => L % outSize[i] !== 0)) {
    c.unsupported(`adaptive_avg_pool from [${inSize.join(', ')}] to [${outSize.join(', ')}] (sizes that do not divide)`);
  }
  const k = inSize.map((L, i) => L / outSize[i]);
  const { x, unbatch } = batchedInput(c, nd);
  c.result(unbatch(c.node('AveragePool', [x], [attr.ints('kernel_shape', k), attr.ints('strides', k)])[0], c.out.shape));
}
