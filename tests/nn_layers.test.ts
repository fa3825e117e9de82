/**
 * Every case of the nn case table (tests/nn_cases.ts) against PyTorch 1.13: the repr, state-dict
 * keys and initial parameters after manualSeed, then forward outputs, input and parameter
 * gradients and buffers, run in float32 (within 1e-5 of PyTorch's float64 results, relative to
 * the largest magnitude of each reference tensor) and in float64 (within 1e-10).
 */
import * as torch from 'cresset';
import { buildModule, callCase, caseGroups, caseInputs, FixtureTensor, loadCases, NnCase, relError, toTensor } from './nn_cases';

const tolerance: Record<string, number> = { float32: 1e-5, float64: 1e-10 };
const worst: Record<string, { err: number; where: string }> = { float32: { err: 0, where: '' }, float64: { err: 0, where: '' } };

function expectClose(actual: torch.Tensor | null | undefined, ref: FixtureTensor, dtype: string, where: string): void {
  expect(actual).toBeInstanceOf(torch.Tensor);
  const err = relError(actual!, ref);
  if (err > worst[dtype].err) worst[dtype] = { err, where };
  expect({ where, err: err <= tolerance[dtype] ? 'ok' : err }).toEqual({ where, err: 'ok' });
}

function namedParams(m: torch.nn.Module): Map<string, torch.Tensor> {
  return new Map(m.namedParameters());
}

function runCase(c: NnCase, dtype: torch.DType): void {
  const m = buildModule(c);
  if (dtype === 'float64') m.double();
  const inputs = caseInputs(c, dtype);
  if (c.warmup) torch.noGrad(() => callCase(c, m, inputs));
  if (!c.train) m.eval();
  torch.manualSeed(c.seed + 1000); // random layers draw from here, as the generator does
  const outs = callCase(c, m, inputs);
  expect(outs.length).toBe(c.outputs.length);
  outs.forEach((o, i) => {
    if (c.outputs[i].dtype === 'int64') {
      expect(o.dtype).toBe('int64');
      expect(o.shape).toEqual(c.outputs[i].shape);
      expect(o.reshape(-1).toArray()).toEqual(c.outputs[i].values);
    } else expectClose(o, c.outputs[i], dtype, `${c.name} output ${i}`);
  });
  if (c.grad === false) return; // PyTorch has no derivative for the op
  if (c.gradOutputs) {
    // backward from every output at once: the gradient of sum_i <out_i, g_i>
    const terms = c.gradOutputs.map((g, i) => outs[i].mul(toTensor(g, dtype)).sum());
    terms.reduce((a, b) => a.add(b)).backward();
  } else outs[0].backward(toTensor(c.gradOutput, dtype));
  c.inputGrads.forEach((g, i) => {
    if (g) expectClose(inputs[i].grad, g, dtype, `${c.name} input ${i} grad`);
  });
  const params = namedParams(m);
  for (const [n, g] of Object.entries(c.paramGrads)) expectClose(params.get(n)?.grad, g, dtype, `${c.name} ${n}.grad`);
  const buffers = new Map(m.namedBuffers());
  for (const [n, b] of Object.entries(c.buffers)) {
    if (b.dtype === 'int64') expect(buffers.get(n)?.reshape(-1).toArray()).toEqual(b.values);
    else expectClose(buffers.get(n), b, dtype, `${c.name} buffer ${n}`);
  }
}

describe.each(caseGroups.map((g) => [g]))('%s', (group) => {
  const cases = loadCases(group);
  beforeAll(() => {
    for (const d of Object.keys(worst)) worst[d] = { err: 0, where: '' };
  });

  test.each(cases.map((c) => [c.name, c]))('%s: repr, state-dict keys and initial parameters', (_n, c) => {
    const m = buildModule(c);
    expect(String(m)).toBe(c.repr);
    expect(Object.keys(m.stateDict())).toEqual(c.stateDictKeys);
    const params = namedParams(m);
    expect([...params.keys()]).toEqual(Object.keys(c.init));
    for (const [n, p] of Object.entries(c.init)) {
      expect(params.get(n)!.shape).toEqual(p.shape);
      expect(params.get(n)!.reshape(-1).toArray()).toEqual(p.values);
    }
  });

  test.each(cases.map((c) => [c.name, c]))('%s: forward and backward in float32', (_n, c) => runCase(c, 'float32'));
  test.each(cases.map((c) => [c.name, c]))('%s: forward and backward in float64', (_n, c) => runCase(c, 'float64'));

  afterAll(() => {
    if (process.env.NN_REPORT) console.log(`${group}: worst float32 ${worst.float32.err.toExponential(2)} (${worst.float32.where}), float64 ${worst.float64.err.toExponential(2)} (${worst.float64.where})`);
  });
});
