/**
 * The ONNX ops that import runs, by op type (default domain). Each one reads the opset to follow
 * the op's version: attributes that became inputs (Reshape 5, Pad 11, Slice 10, Dropout 12),
 * Softmax's 2-d coercion before 13, BatchNormalization's training_mode from 14, Unsqueeze/Squeeze
 * axes as an input from 13, Shape's start/end from 15, ScatterND's reduction from 16.
 */
import type { OpImpl } from '../op_context';
import * as act from './activation';
import { constant } from './constant';
import { conv, convTranspose } from './conv';
import { add, div, leakyRelu, logSoftmax, max, min, mul, relu, sigmoid, softmax, sub, tanh } from './elementwise';
import { gather, gatherElements } from './gather';
import { gemm, matMul } from './linear';
import * as logic from './logic';
import { negativeLogLikelihoodLoss } from './loss';
import { batchNormalization, dropout, layerNormalization } from './normalization';
import { averagePool, globalAveragePool, maxPool } from './pool';
import { pow, reduceMax, reduceMean, reduceMin, reduceSum, sqrt } from './reduce';
import { scatterND } from './scatter';
import { concat, expand, flatten, identity, padOp, reshape, slice, squeeze, transpose, unsqueeze } from './shape';
import { cast, castLike, constantOfShape, range, shape, size } from './shape_values';
import { gru, lstm, rnn } from './recurrent';

export const OPS: Record<string, OpImpl> = {
  Conv: conv,
  LSTM: lstm,
  GRU: gru,
  RNN: rnn,
  ConvTranspose: convTranspose,
  MaxPool: maxPool,
  AveragePool: averagePool,
  GlobalAveragePool: globalAveragePool,
  Gemm: gemm,
  MatMul: matMul,
  Add: add,
  Sub: sub,
  Mul: mul,
  Div: div,
  Relu: relu,
  LeakyRelu: leakyRelu,
  Sigmoid: sigmoid,
  Tanh: tanh,
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  Flatten: flatten,
  Reshape: reshape,
  Transpose: transpose,
  Concat: concat,
  Identity: identity,
  Slice: slice,
  Pad: padOp,
  BatchNormalization: batchNormalization,
  Dropout: dropout,
  Constant: constant,
  Elu: act.elu,
  Celu: act.celu,
  Selu: act.selu,
  Shrink: act.shrink,
  HardSigmoid: act.hardSigmoid,
  HardSwish: act.hardSwish,
  Clip: act.clip,
  Softplus: act.softplus,
  Softsign: act.softsign,
  PRelu: act.pRelu,
  Abs: act.abs,
  Neg: act.neg,
  Exp: act.exp,
  Log: act.log,
  Erf: act.erf,
  Sign: act.sign,
  Floor: act.floor,
  Ceil: act.ceil,
  Reciprocal: act.reciprocal,
  Greater: act.greater,
  Where: act.whereOp,
  Split: act.split,
  ReduceMean: reduceMean,
  ReduceSum: reduceSum,
  ReduceMax: reduceMax,
  ReduceMin: reduceMin,
  Sqrt: sqrt,
  Pow: pow,
  Gather: gather,
  GatherElements: gatherElements,
  LayerNormalization: layerNormalization,
  Unsqueeze: unsqueeze,
  Squeeze: squeeze,
  Expand: expand,
  Shape: shape,
  Size: size,
  ConstantOfShape: constantOfShape,
  Range: range,
  Cast: cast,
  CastLike: castLike,
  Equal: logic.equal,
  Less: logic.less,
  LessOrEqual: logic.lessOrEqual,
  GreaterOrEqual: logic.greaterOrEqual,
  Not: logic.not,
  And: logic.and,
  Or: logic.or,
  Xor: logic.xor,
  Mod: logic.mod,
  ScatterND: scatterND,
  Max: max,
  Min: min,
  Round: act.round,
  Cos: act.cos,
  Sin: act.sin,
  NegativeLogLikelihoodLoss: negativeLogLikelihoodLoss,
};

/** The most inputs each op takes in any opset import knows (extra inputs make a node malformed). */
export const MAX_INPUTS: Record<string, number> = {
  Conv: 3, ConvTranspose: 3, MaxPool: 1, AveragePool: 1, GlobalAveragePool: 1, Gemm: 3, MatMul: 2,
  Add: 2, Sub: 2, Mul: 2, Div: 2, Relu: 1, LeakyRelu: 1, Sigmoid: 1, Tanh: 1, Softmax: 1, LogSoftmax: 1,
  Flatten: 1, Reshape: 2, Transpose: 1, Concat: Infinity, Identity: 1, Slice: 5, Pad: 4,
  BatchNormalization: 5, Dropout: 3, Constant: 0,
  Elu: 1, Celu: 1, Selu: 1, Shrink: 1, HardSigmoid: 1, HardSwish: 1, Clip: 3, Softplus: 1, Softsign: 1, PRelu: 2,
  Abs: 1, Neg: 1, Exp: 1, Log: 1, Erf: 1, Sign: 1, Floor: 1, Ceil: 1, Reciprocal: 1, Greater: 2, Where: 3, Split: 2, ReduceMean: 2, ReduceSum: 2, ReduceMax: 2, ReduceMin: 2, Sqrt: 1, Pow: 2, Gather: 2, GatherElements: 2,
  LayerNormalization: 3, Unsqueeze: 2, Squeeze: 2, Expand: 2, Shape: 1, Size: 1, ConstantOfShape: 1, Range: 3, Cast: 1, CastLike: 2,
  Equal: 2, Less: 2, LessOrEqual: 2, GreaterOrEqual: 2, Not: 1, And: 2, Or: 2, Xor: 2, Mod: 2, ScatterND: 3,
  Max: Infinity, Min: Infinity, Round: 1, Cos: 1, Sin: 1, NegativeLogLikelihoodLoss: 3,
};

/** The opsets import knows (ONNX 1.2 to 1.16's default domain). */
export const MIN_IMPORT_OPSET = 1;
export const MAX_IMPORT_OPSET = 21;
