/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * MultiheadAttention and the Transformer layers exported as decomposed ONNX ops (Gemm, MatMul,
 * Softmax, ReduceMean, ...): the eval-mode cases of the nn_transformer table (tests/fixtures/nn_transformer.json),
 * masks and all, export at opset 17, pass onnx.checker, run in onnxruntime-node within 1e-5 of
 * cresset and import back with cresset's outputs (PyTorch's where the case is in eval mode); and
 * PyTorch 1.13's own exports of MultiheadAttention (scripts/fixtures/onnx_attention.py) import with
 * PyTorch's outputs.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { loadCases, toTensor } from '../nn_cases';
import { exportCase } from './case_export';
import { checkModels } from './onnx_checker';
import { expectImportMatches, torchExports } from './torch_exports';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-transformer-'));
const exported: string[] = [];

const cases = loadCases('nn_transformer');
/** References taken with gradients on, where PyTorch skips the nested-tensor path that an inference run (as here) takes. */
const gradPathReference = new Set(['encoder_eval_kpm_with_grad']);

test.each(cases.map((c) => [c.name, c] as const))('%s exports, runs in onnxruntime and imports with the same outputs', async (name, c) => {
  const file = path.join(dir, `${name}.onnx`);
  const { model, inputs, imported: gots } = await exportCase(c, file);
  exported.push(file);
  const want = torch.noGrad(() => model.forward(...inputs));
  expect(gots.length).toBe(want.length);
  gots.forEach((g, k) => expect(g.sub(want[k]).abs().max().item()).toBeLessThan(1e-5));
  if (c.train || gradPathReference.has(name)) return; // training-mode references
  c.outputs.forEach((o, k) => expect(gots[k].to('float64').sub(toTensor(o, 'float64')).abs().max().item()).toBeLessThan(1e-5));
});

test.each(torchExports('onnx_attention').map((c) => [c.name, c] as const))('PyTorch\'s export of %s (MultiheadAttention or a Transformer layer) imports with PyTorch\'s outputs', (_n, c) => expectImportMatches(c));

test('every exported file passes onnx.checker (full check)', () => {
  expect(exported.length).toBe(cases.length);
  expect(checkModels(exported)).toBe('');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
