/**
 * ONNX files that real PyTorch 1.13 exported (scripts/fixtures/onnx_rnn.py: RNN, LSTM and GRU one-way and
 * bidirectional; onnx_attention.py: MultiheadAttention and the Transformer layers),
 * with their inputs and PyTorch's outputs: each imports with torch.onnx.load and must give those outputs.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';

interface Flat { shape: number[]; values: number[] }
export interface TorchExport { name: string; onnx_file: string; inputs: Flat[]; outputs: Flat[] }

const fixtures = path.join(__dirname, '..', 'fixtures');

/** The exports listed in tests/fixtures/<fixture>.json. */
export function torchExports(fixture: string): TorchExport[] {
  return (JSON.parse(fs.readFileSync(path.join(fixtures, `${fixture}.json`), 'utf8')) as { cases: TorchExport[] }).cases;
}

/** Imports one export, runs it on its inputs and expects PyTorch's outputs within 1e-5. */
export function expectImportMatches(c: TorchExport): void {
  const m = torch.onnx.load(path.join(fixtures, c.onnx_file));
  const inputs = c.inputs.map((t) => torch.tensor(t.values).reshape(t.shape));
  const out = torch.noGrad(() => m.forward(...inputs)) as torch.Tensor | torch.Tensor[];
  const got = Array.isArray(out) ? out : [out];
  expect(got.length).toBe(c.outputs.length);
  c.outputs.forEach((o, k) => {
    expect(got[k].shape).toEqual(o.shape);
    expect(got[k].sub(torch.tensor(o.values).reshape(o.shape)).abs().max().item()).toBeLessThan(1e-5);
  });
}
