/**
 * onnxruntime-node, an optional peer dependency: loaded on first use by verify(), so that users of
 * tensors, nn and training never need it installed.
 */
import type * as ort from 'onnxruntime-node';
import { Tensor } from '@cresset/autograd';
import { tensor, ValueError } from '@cresset/tensor';
import type { DType } from '@cresset/tensor';
import { MissingDependencyError } from './errors';

export type OnnxRuntime = typeof ort;

let cached: OnnxRuntime | undefined;

/** onnxruntime-node's module, or a MissingDependencyError saying how to install it. */
export function loadOnnxRuntime(feature: string, load: (id: string) => unknown = require): OnnxRuntime {
  if (cached) return cached;
  try {
    cached = load('onnxruntime-node') as OnnxRuntime;
    return cached;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    if (err.code === 'MODULE_NOT_FOUND' && String(err.message).includes("'onnxruntime-node'")) {
      throw new MissingDependencyError(
        `${feature} runs the model in onnxruntime-node, an optional peer dependency of @cresset/onnx that is not installed; ` +
        'install it with `npm install onnxruntime-node` (add `onnxruntime-node-install=skip` to .npmrc to skip its optional CUDA download)');
    }
    throw e;
  }
}

const ORT_TYPES: Record<DType, ort.Tensor.Type> = {
  float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', uint8: 'uint8', bool: 'bool',
};

/** An onnxruntime tensor holding a cresset tensor's values. */
export function toOrtTensor(runtime: OnnxRuntime, t: Tensor): ort.Tensor {
  const v = t.array.contiguous().values();
  const dims = [...t.shape];
  switch (t.dtype) {
    case 'int64': return new runtime.Tensor('int64', BigInt64Array.from(v as Float64Array, (x) => BigInt(x)), dims);
    case 'bool': return new runtime.Tensor('bool', Uint8Array.from(v), dims);
    default: return new runtime.Tensor(ORT_TYPES[t.dtype], v.slice() as Float32Array, dims);
  }
}

const FROM_ORT: Partial<Record<string, DType>> = { float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', uint8: 'uint8', bool: 'bool' };

/** A cresset tensor holding an onnxruntime tensor's values (int64 through doubles, as cresset stores it). */
export function fromOrtTensor(t: ort.Tensor): Tensor {
  const dtype = FROM_ORT[t.type];
  if (!dtype) throw new ValueError(`onnxruntime returned a tensor of type '${t.type}', which cresset has no dtype for`);
  const data = t.data as ArrayLike<number | bigint | boolean>;
  const values = dtype === 'int64' ? Float64Array.from(data as BigInt64Array, (x) => Number(x))
    : dtype === 'bool' ? Uint8Array.from(data as Uint8Array) : (data as Float32Array).slice();
  return new Tensor(tensor(values, { dtype, shape: t.dims }));
}
