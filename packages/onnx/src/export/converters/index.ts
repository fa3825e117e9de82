/**
 * The ONNX form of each autograd op, by the op's class; an op not listed fails the export. Each
 * converter is given the op itself, typed as its class, to read the settings its forward used.
 */
import * as A from '@cresset/autograd';
import type { ConvertContext } from '../convert_context';
import { adaptiveAvgPool, avgPool, convolution, convTranspose, maxPool } from './conv_pool';
import { activation, glu, prelu, rreluWithNoise } from './activation';
import { add, clamp, div, logSoftmax, mul, neg, pointwise, softmax, sub, whereOp } from './elementwise';
import { embedding, gather, indexTensor } from './gather';
import { linear, matmul } from './linear';
import { batchNorm } from './normalization';
import { extreme, mean, norm, powScalar, sum, variance } from './reduce';
import { cat, copySlices, expand, identity, pad, reshape, roll, toCopy, view } from './shape';
import { gruCellPointwise, lstmCellPointwise } from './recurrent_cell';

/** Writes the ONNX nodes of one traced op of class F. */
export type Converter<F extends A.Function = A.Function> = (c: ConvertContext, op: F) => void;

type OpClass<F extends A.Function> = abstract new (...args: never[]) => F;

/** An op class with its converter, which then sees the op as an instance of that class. */
function on<F extends A.Function>(cls: OpClass<F>, convert: Converter<F>): [OpClass<A.Function>, Converter] {
  return [cls, (c, op) => {
    if (!(op instanceof cls)) throw new TypeError(`onnx.export: the ${cls.name} converter was given a ${op.constructor.name}`);
    convert(c, op);
  }];
}

export const CONVERTERS: ReadonlyMap<unknown, Converter> = new Map([
  on(A.Convolution, convolution),
  on(A.ConvTranspose, convTranspose),
  on(A.MaxPool, maxPool),
  on(A.AvgPool, avgPool),
  on(A.AdaptiveAvgPool, adaptiveAvgPool),
  on(A.Linear, linear),
  on(A.Matmul, matmul),
  on(A.Add, add),
  on(A.Sub, sub),
  on(A.Mul, mul),
  on(A.Div, div),
  on(A.Neg, neg),
  on(A.Gather, gather),
  on(A.Embedding, embedding),
  on(A.IndexTensor, indexTensor),
  on(A.PowScalar, powScalar),
  on(A.Sum, sum),
  on(A.Mean, mean),
  on(A.Variance, variance),
  on(A.Extreme, extreme),
  on(A.Norm, norm),
  on(A.Pointwise, pointwise),
  on(A.Activation, activation),
  on(A.Glu, glu),
  on(A.Prelu, prelu),
  on(A.RreluWithNoise, rreluWithNoise),
  on(A.Softmax, softmax),
  on(A.LogSoftmax, logSoftmax),
  on(A.Reshape, reshape),
  on(A.View, view),
  on(A.Cat, cat),
  on(A.Pad, pad),
  on(A.Clone, identity),
  on(A.Expand, expand),
  on(A.Roll, roll),
  on(A.ToCopy, toCopy),
  on(A.CopySlices, copySlices),
  on(A.BatchNorm, batchNorm),
  on(A.Where, whereOp),
  on(A.Clamp, clamp),
  on(A.LstmCellPointwise, lstmCellPointwise),
  on(A.GruCellPointwise, gruCellPointwise),
]);
