/**
 * Exporting a case of the nn case table (tests/nn_cases.ts) through a wrapper that calls its module
 * as the case does (states as arrays, masks by name) and returns the outputs flat: the file must
 * run in onnxruntime-node within 1e-5 of cresset; the result holds the model, its inputs and what
 * torch.onnx.load of the file computes.
 */
import * as torch from 'cresset';
import { buildModule, callCase, caseInputs, NnCase } from '../nn_cases';

/** A case's module called as the case calls it, its outputs flat. */
export class CaseCall extends torch.nn.Module {
  constructor(readonly c: NnCase, readonly inner: torch.nn.Module) {
    super();
  }
  forward(...inputs: torch.Tensor[]): torch.Tensor[] {
    return callCase({ ...this.c, noGrad: false }, this.inner, inputs);
  }
}

export async function exportCase(c: NnCase, file: string, opts: { opsetVersion?: number } = {}): Promise<{ model: CaseCall; inputs: torch.Tensor[]; imported: torch.Tensor[] }> {
  const model = new CaseCall(c, buildModule(c)).eval();
  const inputs = caseInputs(c).map((t) => t.detach());
  torch.onnx.export(model, inputs, file, opts);
  const report = await torch.onnx.verify(model, file, inputs, { rtol: 1e-5, atol: 1e-5 });
  expect(report.outputs.map((o) => [o.name, o.passed])).toEqual(report.outputs.map((o) => [o.name, true]));
  const got = torch.noGrad(() => torch.onnx.load(file).forward(...inputs));
  return { model, inputs, imported: Array.isArray(got) ? got : [got as torch.Tensor] };
}
