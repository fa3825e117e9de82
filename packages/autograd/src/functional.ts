/** torch-level functions over Tensors that are not methods: cat, stack, pad, where, matmul, ... */
import type { PadMode } from '@cresset/tensor';
import { Cat, Stack } from './ops/join';
import { Pad } from './ops/pad';
import { Tensor } from './tensor';

export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  return new Cat(dim).apply(...tensors);
}
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  return new Stack(dim).apply(...tensors);
}
/** torch.nn.functional.pad(input, pad, mode = 'constant', value = 0). */
export function pad(input: Tensor, padding: readonly number[], mode: PadMode = 'constant', value = 0): Tensor {
  return new Pad(padding, mode, value).apply(input);
}
export const matmul = (a: Tensor, b: Tensor) => a.matmul(b);
export const maximum = (a: Tensor, b: Tensor) => a.maximum(b);
export const minimum = (a: Tensor, b: Tensor) => a.minimum(b);
