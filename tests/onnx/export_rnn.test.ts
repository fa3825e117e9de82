/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * RNN, LSTM and GRU through ONNX's RNN / LSTM / GRU ops: every padded, batched case of the nn_rnn
 * table (tests/fixtures/nn_rnn.json) exports at opset 13 and 17, passes onnx.checker, runs in
 * onnxruntime-node within 1e-5 of cresset, and imports back with PyTorch's eval-mode outputs; and
 * PyTorch 1.13's own exports of these layers (scripts/fixtures/onnx_rnn.py) import with PyTorch's
 * outputs. Configurations ONNX cannot express fail with the layer named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { UnsupportedOperatorError } from '@cresset/onnx';
import { buildModule, caseInputs, loadCases, NnCase, toTensor } from '../nn_cases';
import { checkModels } from './onnx_checker';
import { expectImportMatches, torchExports } from './torch_exports';

const { nn } = torch;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-rnn-'));
const exported: string[] = [];

/** A recurrent layer called with its initial states as separate inputs (an LSTM's as [h0, c0]), returning its outputs flat. */
class WithStates extends nn.Module {
  constructor(readonly rnn: torch.nn.RNNBase) {
    super();
  }
  forward(x: torch.Tensor, ...states: torch.Tensor[]): torch.Tensor[] {
    const call = this.rnn.forward as (x: torch.Tensor, hx: unknown) => [torch.Tensor, torch.Tensor | torch.Tensor[]];
    const [out, h] = call.call(this.rnn, x, states.length === 0 ? null : states.length === 1 ? states[0] : states);
    return [out, ...(Array.isArray(h) ? h : [h])];
  }
}

const recurrent = (c: NnCase) => ['RNN', 'LSTM', 'GRU'].includes(c.module);
const expressible = (c: NnCase) => recurrent(c) && c.inputs[0].shape.length === 3 && !('proj_size' in c.kwargs);
const cases = loadCases('nn_rnn').filter(expressible);

describe.each([13, 17])('opset %d', (opset) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s exports, runs in onnxruntime and imports with PyTorch\'s eval outputs', async (name, c) => {
    const model = new WithStates(buildModule(c) as torch.nn.RNNBase).eval();
    const inputs = caseInputs(c).map((t) => t.detach());
    const file = path.join(dir, `${name}_${opset}.onnx`);
    torch.onnx.export(model, inputs, file, { opsetVersion: opset });
    exported.push(file);
    const report = await torch.onnx.verify(model, file, inputs, { rtol: 1e-5, atol: 1e-5 });
    expect(report.outputs.map((o) => [o.name, o.passed])).toEqual(report.outputs.map((o) => [o.name, true]));
    const got = torch.noGrad(() => torch.onnx.load(file).forward(...inputs)) as torch.Tensor[];
    const want = torch.noGrad(() => model.forward(inputs[0], ...inputs.slice(1)));
    expect(got.length).toBe(want.length);
    got.forEach((g, k) => expect(g.sub(want[k]).abs().max().item()).toBeLessThan(1e-5));
    if (c.train) return; // the fixture's outputs are of training mode (dropout)
    c.outputs.forEach((o, k) => expect(got[k].to('float64').sub(toTensor(o, 'float64')).abs().max().item()).toBeLessThan(1e-5));
  });
});

test.each(torchExports('onnx_rnn').map((c) => [c.name, c] as const))('PyTorch\'s export of %s imports with PyTorch\'s outputs', (_n, c) => expectImportMatches(c));

test('an LSTM with projSize, unbatched input and training-mode dropout have no ONNX form, and the export says so', () => {
  const file = path.join(dir, 'none.onnx');
  expect(() => torch.onnx.export(new nn.LSTM(3, 4, { projSize: 2 }), [torch.randn([5, 2, 3])], file)).toThrow(UnsupportedOperatorError);
  expect(() => torch.onnx.export(new nn.LSTM(3, 4, { projSize: 2 }), [torch.randn([5, 2, 3])], file)).toThrow("LSTM in module '': an LSTM with proj_size has no ONNX form");
  expect(() => torch.onnx.export(new nn.GRU(3, 4), [torch.randn([5, 3])], file)).toThrow('a 2-D (unbatched) input has no ONNX form');
});

test('every exported file passes onnx.checker (full check)', () => {
  expect(exported.length).toBe(2 * cases.length);
  expect(checkModels(exported)).toBe('');
});
