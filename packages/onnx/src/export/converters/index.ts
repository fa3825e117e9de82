/** The ONNX form of each autograd op, by the op's class name; an op not listed fails the export. */
import type { ConvertContext } from '../convert_context';
import { adaptiveAvgPool, avgPool, convolution, convTranspose, maxPool } from './conv_pool';
import { add, div, logSoftmax, mul, pointwise, softmax, sub } from './elementwise';
import { linear, matmul } from './linear';
import { cat, identity, pad, reshape, view } from './shape';

export type Converter = (c: ConvertContext) => void;

export const CONVERTERS: Record<string, Converter> = {
  Convolution: convolution,
  ConvTranspose: convTranspose,
  MaxPool: maxPool,
  AvgPool: avgPool,
  AdaptiveAvgPool: adaptiveAvgPool,
  Linear: linear,
  Matmul: matmul,
  Add: add,
  Sub: sub,
  Mul: mul,
  Div: div,
  Pointwise: pointwise,
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  Reshape: reshape,
  View: view,
  Cat: cat,
  Pad: pad,
  Clone: identity,
};
