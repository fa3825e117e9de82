/**
 * `cresset verify --model lenet --weights W.safetensors [--onnx M.onnx] [--export] [--opset N]`: loads the
 * weights, exports the model to ONNX when asked, when the file is missing, or when it is W.onnx and
 * older than W.safetensors (another older file is flagged), runs it through onnxruntime-node beside
 * cresset (torch.onnx.verify) and prints the report.
 */
import * as fs from 'fs';
import * as nodePath from 'path';
import { Command } from 'commander';
import { randn, Tensor } from '@cresset/autograd';
import * as onnx from '@cresset/onnx';
import * as nn from '@cresset/nn';
import { manualSeed, ValueError } from '@cresset/tensor';
import { load } from '../serialization';
import { parseShape, lenetOptionsFor } from './shapes';
import { integer, number, parseOptions } from './options';
import { buildModel, MODEL_HELP } from './model_spec';

interface VerifyCommandOptions {
  model: string; numClasses?: number; weights: string; onnx?: string; export: boolean; opset: number; input?: string; batch: number; rtol: number; atol: number;
}

/** Adds `cresset verify`'s options to `cmd`. */
export function defineVerify(cmd: Command): Command {
  return cmd
    .description('export the model to ONNX if needed, run it in onnxruntime-node beside cresset and compare the outputs')
    .option('--model <name|file>', `the model: ${MODEL_HELP}`, 'lenet')
    .option('--num-classes <n>', "outputs of the model (the builder's default: 10 for lenet, 1000 for torchvision's)", integer(1))
    .requiredOption('--weights <file>', 'the weights (.safetensors) to load')
    .option('--onnx <file>', 'the ONNX file (default: the weights file with .onnx)')
    .option('--export', 'export the ONNX file even if it exists and is newer than the weights', false)
    .option('--opset <n>', `the ONNX opset an export writes (${onnx.MIN_EXPORT_OPSET} to ${onnx.MAX_EXPORT_OPSET})`, integer(onnx.MIN_EXPORT_OPSET, onnx.MAX_EXPORT_OPSET), 13)
    .option('--input <CxHxW>', 'the shape of one input (default: from conv1.weight, 3x32x32 or 1x28x28)')
    .option('--batch <n>', 'inputs per comparison', integer(1), 4)
    .option('--rtol <r>', 'relative tolerance', number(0), 1e-5)
    .option('--atol <a>', 'absolute tolerance', number(0), 1e-5);
}

/** Exports `model` to `path` at `opset` with a dynamic batch axis (the export step of `npm run train`). */
export function exportOnnx(model: nn.Module, input: Tensor, path: string, opset = 13): void {
  model.eval();
  onnx.export(model, input, path, { inputNames: ['input'], outputNames: ['logits'], dynamicAxes: { input: { 0: 'batch' }, logits: { 0: 'batch' } }, opsetVersion: opset });
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

/**
 * Whether to export the model to `onnxPath` first: when asked, when the file is missing, or when it
 * is older than the weights and sits beside them (`W.onnx` for `W.safetensors`). An older file
 * elsewhere is kept, and `stale` says so.
 */
function exportPlan(onnxPath: string, weights: string, besideWeights: boolean, forced: boolean): { export: boolean; stale: boolean } {
  if (forced || !fs.existsSync(onnxPath)) return { export: true, stale: false };
  const stale = fs.statSync(onnxPath).mtimeMs < fs.statSync(weights).mtimeMs;
  return { export: stale && besideWeights, stale };
}

/** Runs `cresset verify` with parsed options; resolves to whether every output matched. */
export async function runVerify(o: VerifyCommandOptions, log: (s: string) => void = console.log): Promise<boolean> {
  const sd = load(o.weights) as Record<string, Tensor>;
  if (!o.input && o.model.toLowerCase() !== 'lenet') throw new ValueError(`--model ${o.model}: give the input shape with --input CxHxW`);
  const shape = o.input ? parseShape('input', o.input) : inputShapeFromWeights(sd, o.weights);
  const lenet = o.model.toLowerCase() === 'lenet' ? lenetOptionsFor(shape) : undefined;
  const model = buildModel(o.model, { imageShape: shape, numClasses: o.numClasses, lenet });
  model.loadStateDict(sd);
  const beside = o.weights.replace(/\.safetensors$/, '') + '.onnx';
  const path = o.onnx ?? beside;
  manualSeed(0);
  const input = randn([o.batch, ...shape]);
  const plan = exportPlan(path, o.weights, nodePath.resolve(path) === nodePath.resolve(beside), o.export);
  if (plan.export) {
    exportOnnx(model, input, path, o.opset);
    log(`exported ${path} at opset ${o.opset}${plan.stale ? ` (it was older than ${o.weights})` : ''}`);
  } else if (plan.stale) {
    log(`note: ${path} is older than ${o.weights}, so it may hold other weights; --export writes it afresh`);
  }
  const report = await verifyOnnx(model, path, input, { rtol: o.rtol, atol: o.atol });
  log(formatReport(path, report));
  return report.passed;
}

/** `cresset verify` on raw arguments. */
export async function verifyCommand(argv: string[], log: (s: string) => void = console.log): Promise<boolean> {
  return runVerify(parseOptions<VerifyCommandOptions>(defineVerify, argv), log);
}
