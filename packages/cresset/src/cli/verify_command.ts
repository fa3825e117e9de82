/**
 * `cresset verify --model lenet --weights W.safetensors [--onnx M.onnx] [--export]`: loads the
 * weights, exports the model to ONNX when asked (or when the file is missing), runs it through
 * onnxruntime-node beside cresset (torch.onnx.verify) and prints the report.
 */
import * as fs from 'fs';
import { parseArgs } from 'util';
import { randn, Tensor } from '@cresset/autograd';
import * as onnx from '@cresset/onnx';
import * as nn from '@cresset/nn';
import { manualSeed, ValueError } from '@cresset/tensor';
import { load } from '../serialization';
import { parseShape, lenetOptionsFor } from './shapes';
import { buildModel } from './train';

export const VERIFY_USAGE = 'usage: cresset verify [--model lenet] --weights FILE.safetensors [--onnx FILE.onnx] [--export] [--input CxHxW] [--batch N] [--rtol R] [--atol A]';

/** Exports `model` to `path` with a dynamic batch axis (the export step of `npm run train`). */
export function exportOnnx(model: nn.Module, input: Tensor, path: string): void {
  model.eval();
  onnx.export(model, input, path, { inputNames: ['input'], outputNames: ['logits'], dynamicAxes: { input: { 0: 'batch' }, logits: { 0: 'batch' } }, opsetVersion: 13 });
}

/** Runs `model` and the ONNX file on `input` and compares. */
export async function verifyOnnx(model: nn.Module, path: string, input: Tensor, tol: onnx.VerifyOptions = {}): Promise<onnx.VerifyReport> {
  return onnx.verify(model, path, input, tol);
}

export function formatReport(path: string, r: onnx.VerifyReport): string {
  const lines = r.outputs.map((o) => `  ${o.name}: max abs diff ${o.maxAbsDiff.toExponential(3)}, max rel diff ${o.maxRelDiff.toExponential(3)} ${o.passed ? 'ok' : 'MISMATCH'}`);
  return [`verify ${path} against cresset with onnxruntime-node:`, ...lines, r.passed ? 'PASSED' : 'FAILED'].join('\n');
}

/** The model's input shape from its weights: LeNet's conv1.weight is [6, C, 5, 5]. */
function inputShapeFromWeights(sd: Record<string, Tensor>, file: string): number[] {
  const w = sd['conv1.weight'];
  if (!w || w.ndim !== 4) throw new ValueError(`${file}: no conv1.weight of 4 dims, so not LeNet weights; give --input CxHxW`);
  return w.shape[1] === 1 ? [1, 28, 28] : [w.shape[1], 32, 32];
}

export async function verifyCommand(argv: string[], log: (s: string) => void = console.log): Promise<boolean> {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      model: { type: 'string' }, weights: { type: 'string' }, onnx: { type: 'string' }, export: { type: 'boolean' },
      input: { type: 'string' }, batch: { type: 'string' }, rtol: { type: 'string' }, atol: { type: 'string' },
    },
  });
  if (!v.weights) throw new ValueError(`--weights is required\n${VERIFY_USAGE}`);
  const sd = load(v.weights) as Record<string, Tensor>;
  const shape = v.input ? parseShape('input', v.input) : inputShapeFromWeights(sd, v.weights);
  const model = buildModel(v.model ?? 'lenet', { model: lenetOptionsFor(shape) });
  model.loadStateDict(sd);
  const path = v.onnx ?? v.weights.replace(/\.safetensors$/, '') + '.onnx';
  manualSeed(0);
  const input = randn([Number(v.batch ?? 4), ...shape]);
  if (v.export || !fs.existsSync(path)) {
    exportOnnx(model, input, path);
    log(`exported ${path}`);
  }
  const report = await verifyOnnx(model, path, input, { rtol: v.rtol ? Number(v.rtol) : undefined, atol: v.atol ? Number(v.atol) : undefined });
  log(formatReport(path, report));
  return report.passed;
}
