/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * RNN, LSTM and GRU through ONNX's RNN / LSTM / GRU ops: every padded (batched or not) case of the nn_rnn
 * table (tests/fixtures/nn_rnn.json) exports at opset 13 and 17, passes onnx.checker, runs in
 * onnxruntime-node within 1e-5 of cresset, and imports back with PyTorch's eval-mode outputs; and
 * PyTorch 1.13's own exports of these layers (scripts/fixtures/onnx_rnn.py) import with PyTorch's
 * outputs. The batched cell cases export as decomposed ops and run in onnxruntime. Configurations ONNX cannot express fail with the layer named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { UnsupportedOperatorError } from '@cresset/onnx';
import { loadCases, NnCase, toTensor } from '../nn_cases';
import { exportCase } from './case_export';
import { checkModels } from './onnx_checker';
import { expectImportMatches, torchExports } from './torch_exports';

const { nn } = torch;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-rnn-'));
const exported: string[] = [];

const recurrent = (c: NnCase) => ['RNN', 'LSTM', 'GRU'].includes(c.module);
const expressible = (c: NnCase) => recurrent(c) && !('proj_size' in c.kwargs);
const cases = loadCases('nn_rnn').filter(expressible);

describe.each([13, 17])('opset %d', (opset) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s exports, runs in onnxruntime and imports with PyTorch\'s eval outputs', async (name, c) => {
    const file = path.join(dir, `${name}_${opset}.onnx`);
    const { model, inputs, imported: got } = await exportCase(c, file, { opsetVersion: opset });
    exported.push(file);
    expect(got.length).toBe(c.outputs.length);
    const want = torch.noGrad(() => model.forward(...inputs));
    got.forEach((g, k) => expect(g.sub(want[k]).abs().max().item()).toBeLessThan(1e-5));
    if (c.train) return; // the fixture's outputs are of training mode (dropout)
    c.outputs.forEach((o, k) => expect(got[k].to('float64').sub(toTensor(o, 'float64')).abs().max().item()).toBeLessThan(1e-5));
  });
});

const cells = loadCases('nn_rnn').filter((c) => c.module.endsWith('Cell') && c.inputs[0].shape.length === 2);

test.each(cells.map((c) => [c.name, c] as const))('cell %s exports as decomposed ops and runs in onnxruntime within 1e-5', async (name, c) => {
  const file = path.join(dir, `${name}.onnx`);
  const { imported: got } = await exportCase(c, file);
  exported.push(file);
  got.forEach((g, k) => expect(g.to('float64').sub(toTensor(c.outputs[k], 'float64')).abs().max().item()).toBeLessThan(1e-5));
});

test.each(torchExports('onnx_rnn').map((c) => [c.name, c] as const))('PyTorch\'s export of %s imports with PyTorch\'s outputs', (_n, c) => expectImportMatches(c));

test('an LSTM with projSize has no ONNX form, and the export says so', () => {
  const file = path.join(dir, 'none.onnx');
  expect(() => torch.onnx.export(new nn.LSTM(3, 4, { projSize: 2 }), [torch.randn([5, 2, 3])], file)).toThrow(UnsupportedOperatorError);
  expect(() => torch.onnx.export(new nn.LSTM(3, 4, { projSize: 2 }), [torch.randn([5, 2, 3])], file)).toThrow("LSTM in module '': an LSTM with proj_size has no ONNX form");
});

test('every exported file passes onnx.checker (full check)', () => {
  expect(exported.length).toBe(2 * cases.length + cells.length);
  expect(checkModels(exported)).toBe('');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
