/**
 * torch.onnx.verify: runs an ONNX file in onnxruntime-node and the cresset model (in eval mode,
 * without grad) on the same inputs, and compares each output elementwise as numpy.allclose does:
 * |ort - cresset| <= atol + rtol * |cresset|. onnxruntime-node is an optional peer dependency,
 * loaded on the first call.
 */
import { noGrad, Tensor } from '@cresset/autograd';
import type { Module } from '@cresset/nn';
import { NDArray, ShapeError } from '@cresset/tensor';
import { inEvalMode } from './export/modes';
import { flattenOutputs } from './export/trace';
import { loadOnnxRuntime, toOrtTensor } from './onnxruntime';

export interface VerifyOptions {
  rtol?: number;
  atol?: number;
}

export interface VerifyOutput {
  name: string;
  maxAbsDiff: number;
  /** Largest |difference| / |cresset's value| over the elements where cresset's value is not 0. */
  maxRelDiff: number;
  passed: boolean;
}

export interface VerifyReport {
  passed: boolean;
  outputs: VerifyOutput[];
}

/** Compares two arrays of one shape. */
export function compareArrays(name: string, actual: ArrayLike<number | bigint | boolean>, expected: ArrayLike<number | boolean>, rtol: number, atol: number): VerifyOutput {
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  let passed = true;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    const d = a === e ? 0 : Math.abs(a - e);
    if (!(d <= atol + rtol * Math.abs(e))) passed = false;
    if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = d;
    if (e !== 0 && d / Math.abs(e) > maxRelDiff) maxRelDiff = d / Math.abs(e);
  }
  return { name, maxAbsDiff, maxRelDiff, passed };
}

/** Runs `path` in onnxruntime-node and `model` in cresset on `input`, output by output. */
export async function verify(model: Module, path: string, input: Tensor | readonly Tensor[], opts: VerifyOptions = {}): Promise<VerifyReport> {
  const { rtol = 1e-5, atol = 1e-5 } = opts;
  const inputs = Array.isArray(input) ? [...input] : [input as Tensor];
  const ort = loadOnnxRuntime('onnx.verify');
  const session = await ort.InferenceSession.create(path);
  if (session.inputNames.length !== inputs.length) {
    throw new ShapeError(`onnx.verify: '${path}' takes ${session.inputNames.length} inputs (${session.inputNames.join(', ')}), got ${inputs.length}`);
  }
  const feeds = Object.fromEntries(session.inputNames.map((n, i) => [n, toOrtTensor(ort, inputs[i])]));
  const results = await session.run(feeds);
  await session.release();
  const mine = inEvalMode(model, () => noGrad(() => model.forward(...inputs)));
  const expected = flattenOutputs(mine) as Tensor[];
  if (expected.length !== session.outputNames.length) {
    throw new ShapeError(`onnx.verify: '${path}' has ${session.outputNames.length} outputs, the model's forward returns ${expected.length}`);
  }
  const outputs = session.outputNames.map((name, i) => {
    const got = results[name];
    const want = expected[i].array as NDArray;
    if (got.dims.length !== want.ndim || got.dims.some((d, k) => d !== want.shape[k])) {
      throw new ShapeError(`onnx.verify: output '${name}' of '${path}' has shape [${got.dims.join(', ')}], the model's has [${want.shape.join(', ')}]`);
    }
    return compareArrays(name, got.data as ArrayLike<number>, want.contiguous().values(), rtol, atol);
  });
  return { passed: outputs.every((o) => o.passed), outputs };
}
