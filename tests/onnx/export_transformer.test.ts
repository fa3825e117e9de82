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
import { buildModule, callCase, caseInputs, loadCases, NnCase, toTensor } from '../nn_cases';
import { checkModels } from './onnx_checker';
import { expectImportMatches, torchExports } from './torch_exports';

const { nn } = torch;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-transformer-'));
const exported: string[] = [];

/** A case's module called as the case calls it (masks by name), its outputs flat. */
class CaseCall extends nn.Module {
  constructor(readonly c: NnCase, readonly inner: torch.nn.Module) {
    super();
  }
  forward(...inputs: torch.Tensor[]): torch.Tensor[] {
    return callCase({ ...this.c, noGrad: false }, this.inner, inputs);
  }
}

const cases = loadCases('nn_transformer');
/** References taken with gradients on, where PyTorch skips the nested-tensor path that an inference run (as here) takes. */
const gradPathReference = new Set(['encoder_eval_kpm_with_grad']);

test.each(cases.map((c) => [c.name, c] as const))('%s exports, runs in onnxruntime and imports with the same outputs', async (name, c) => {
  const model = new CaseCall(c, buildModule(c)).eval();
  const inputs = caseInputs(c).map((t) => t.detach());
  const file = path.join(dir, `${name}.onnx`);
  torch.onnx.export(model, inputs, file);
  exported.push(file);
  const report = await torch.onnx.verify(model, file, inputs, { rtol: 1e-5, atol: 1e-5 });
  expect(report.outputs.map((o) => [o.name, o.passed])).toEqual(report.outputs.map((o) => [o.name, true]));
  const got = torch.noGrad(() => torch.onnx.load(file).forward(...inputs));
  const gots = Array.isArray(got) ? got : [got];
  const want = torch.noGrad(() => model.forward(...inputs));
  expect(gots.length).toBe(want.length);
  gots.forEach((g, k) => expect(g.sub(want[k]).abs().max().item()).toBeLessThan(1e-5));
  if (c.train || gradPathReference.has(name)) return; // training-mode references
  c.outputs.forEach((o, k) => expect(gots[k].to('float64').sub(toTensor(o, 'float64')).abs().max().item()).toBeLessThan(1e-5));
});

test.each(torchExports('onnx_attention').map((c) => [c.name, c] as const))('PyTorch\'s export of MultiheadAttention (%s) imports with PyTorch\'s outputs', (_n, c) => expectImportMatches(c));

test('every exported file passes onnx.checker (full check)', () => {
  expect(exported.length).toBe(cases.length);
  expect(checkModels(exported)).toBe('');
});
