/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * Every layer configuration of the nn case table (tests/nn_cases.ts: PyTorch 1.13's conv, pool,
 * layer, activation, normalisation and padding cases) exported with torch.onnx.export: the file passes onnx.checker (full check), runs in
 * onnxruntime-node and agrees with cresset within 1e-5, and torch.onnx.load of it gives PyTorch's
 * output, and at opset 13 too the file runs in onnxruntime within 1e-5. Configurations ONNX opset 17
 * cannot express fail the export with the op and module named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { UnsupportedOperatorError } from '@cresset/onnx';
import { buildModule, caseInputs, loadCases, NnCase, toTensor } from '../nn_cases';
import { checkModels } from './onnx_checker';

/** Cases whose export must fail, and the words the error must contain. */
const NO_ONNX_FORM: Record<string, RegExp> = {
  adaptive_avg_pool2d_rect: /sizes that do not divide/,
  adaptive_avg_pool2d_upsample: /sizes that do not divide/,
  adaptive_avg_pool1d: /sizes that do not divide/,
  adaptive_avg_pool2d_none: /from \[3, 5\] to \[3, 2\]/,
  adaptive_avg_pool3d: /sizes that do not divide/,
  embedding_max_norm: /embedding with max_norm/,
  embedding_max_norm_p1: /embedding with max_norm/,
  embedding_bag_max_norm: /embedding with max_norm/,
};

/** Layers with no op of the list (ONNX has MaxUnpool, but it is not in the list), whatever their settings. */
const NO_ONNX_MODULE: Record<string, RegExp> = {
  AdaptiveMaxPool1d: /no ONNX mapping for the op \w+ in the model's own forward \(AdaptiveMaxPool1d\) \(autograd op AdaptiveMaxPool\)/,
  AdaptiveMaxPool2d: /\(AdaptiveMaxPool2d\) \(autograd op AdaptiveMaxPool\)/,
  AdaptiveMaxPool3d: /\(AdaptiveMaxPool3d\) \(autograd op AdaptiveMaxPool\)/,
  MaxUnpool1d: /\(MaxUnpool1d\) \(autograd op MaxUnpool\)/,
  MaxUnpool2d: /\(MaxUnpool2d\) \(autograd op MaxUnpool\)/,
  MaxUnpool3d: /\(MaxUnpool3d\) \(autograd op MaxUnpool\)/,
  // its channel window is not ONNX LRN's (it never drops the first channel)
  CrossMapLRN2d: /\(CrossMapLRN2d\) \(autograd op CrossMapLrn\)/,
};

const cases = loadCases('nn_conv').concat(loadCases('nn_pool'), loadCases('nn_layers'), loadCases('nn_activation'), loadCases('nn_norm'), loadCases('nn_resample'));
const noOnnxForm = (c: NnCase) => NO_ONNX_FORM[c.name] ?? NO_ONNX_MODULE[c.module];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-layers-'));
const exported: string[] = [];

function setup(c: NnCase) {
  const m = buildModule(c);
  if (!c.train) m.eval();
  const inputs = caseInputs(c).map((t) => t.detach());
  return { m, inputs, file: path.join(dir, `${c.name}.onnx`) };
}

describe.each(cases.filter((c) => !noOnnxForm(c)).map((c) => [c.name, c] as const))('%s', (name, c) => {
  test('exports, runs in onnxruntime within 1e-5 of cresset, and imports with PyTorch\'s output', async () => {
    const { m, inputs, file } = setup(c);
    torch.onnx.export(m, inputs, file);
    exported.push(file);
    const report = await torch.onnx.verify(m, file, inputs, { rtol: 1e-5, atol: 1e-5 });
    expect(report.outputs.map((o) => [o.name, o.passed])).toEqual(report.outputs.map((o) => [o.name, true]));
    expect(report.passed).toBe(true);
    if (c.warmup || (c.train && (/batch_norm|dropout|rrelu/.test(name) || Object.keys(c.buffers).length > 0))) return; // PyTorch's outputs are of training mode
    const res = torch.noGrad(() => torch.onnx.load(file).forward(...inputs));
    const got = Array.isArray(res) ? res : [res];
    c.outputs.forEach((want, k) => {
      const w = toTensor(want, 'float64');
      expect(got[k].shape).toEqual(w.shape);
      expect(got[k].to('float64').sub(w).abs().max().item()).toBeLessThan(1e-5);
    });
  });
});

test.each(cases.filter((c) => !noOnnxForm(c)).map((c) => [c.name, c] as const))('%s exports at opset 13 and runs in onnxruntime within 1e-5', async (name, c) => {
  const { m, inputs } = setup(c);
  const file = path.join(dir, `${name}_opset13.onnx`);
  torch.onnx.export(m, inputs, file, { opsetVersion: 13 });
  exported.push(file);
  expect((await torch.onnx.verify(m, file, inputs, { rtol: 1e-5, atol: 1e-5 })).passed).toBe(true);
});

test.each(cases.filter(noOnnxForm).map((c) => [c.name, c] as const))('%s has no ONNX form and the export says so', (_, c) => {
  const words = noOnnxForm(c);
  const { m, inputs, file } = setup(c);
  const run = () => torch.onnx.export(m, inputs, file);
  expect(run).toThrow(UnsupportedOperatorError);
  expect(run).toThrow(words);
});

test('every case named above is in the table', () => {
  expect(Object.keys(NO_ONNX_FORM).filter((n) => !cases.some((c) => c.name === n))).toEqual([]);
});

afterAll(() => {
  // ONNX's checker over every exported file in one Python run
  expect(exported.length).toBeGreaterThan(40);
  expect(checkModels(exported)).toBe('');
  fs.rmSync(dir, { recursive: true, force: true });
});
