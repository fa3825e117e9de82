/**
 * The settings each autograd op keeps for its forward (stride, padding, dim, ...). @cresset/autograd
 * declares them private to its ops; the exporter reads them by their field names, listed here in
 * one place, so a rename there shows up as a failing export test here.
 */
import type { Function } from '@cresset/autograd';
import type { AvgPoolParams, ConvParams, NDArray, PadMode, PoolParams } from '@cresset/tensor';

export interface OpSettings {
  Convolution: { params: ConvParams };
  ConvTranspose: { params: ConvParams; outputPadding: readonly number[] };
  MaxPool: { params: PoolParams };
  AvgPool: { params: AvgPoolParams };
  AdaptiveAvgPool: { outSize: readonly number[] };
  Softmax: { dim: number };
  LogSoftmax: { dim: number };
  Pointwise: { op: string; p: number; q: number };
  Add: { alpha: number };
  Sub: { alpha: number };
  Cat: { dim: number };
  Pad: { padding: readonly number[]; mode: PadMode; value: number };
  View: { fn: (a: NDArray) => NDArray };
}

/** The settings of an op of class K. */
export function settingsOf<K extends keyof OpSettings>(fn: Function, _kind: K): OpSettings[K] {
  return fn as unknown as OpSettings[K];
}
