/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * ONNX's conformance data (Debian's libonnx-testdata, ONNX 1.12): every data/node case whose ops
 * are all among those cresset imports for the op list or torchvision's models, and every data/pytorch-converted case
 * of those layers, runs through torch.onnx.load and must give the stored expected outputs
 * (ONNX's backend-test tolerance: rtol 1e-3, atol 1e-7; integer and bool outputs exactly).
 * Cases that also need ops import does not run are skipped with those ops named (cases that also
 * use Constant or Slice, which import runs, are run), as are cases with values of an element type
 * cresset has no dtype for (float16, int8, strings, ...); the few others are listed below.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';
import { DataType, readModel, readTensorProto, tensorFromProto } from '@cresset/onnx';

const DATA = '/usr/share/libonnx-testdata/data';

/** The ops of the issue: export writes them and import runs them. */
const LISTED_OPS = new Set([
  'Conv', 'ConvTranspose', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Gemm', 'MatMul', 'Add', 'Relu', 'LeakyRelu',
  'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'Flatten', 'Reshape', 'Transpose', 'Concat', 'Sub', 'Mul', 'Div',
  'BatchNormalization', 'Dropout', 'Identity', 'Pad',
]);

/** The ops PyTorch 1.13 writes for torchvision's classification models at opsets 11 to 17, beyond LISTED_OPS. */
const TORCHVISION_OPS = new Set([
  'ReduceMean', 'Cast', 'Erf', 'Gather', 'Pow', 'Shape', 'Sqrt', 'Unsqueeze', 'ConstantOfShape', 'Equal', 'Expand',
  'Where', 'Clip', 'HardSigmoid', 'Mod', 'Not', 'Range', 'ScatterND', 'HardSwish', 'LayerNormalization', 'Squeeze',
  'Slice',
]);

/** Cases of listed ops that cannot be checked, with the reason. */
const SKIPPED: Record<string, string> = {
  'node/test_identity_opt': 'an optional-typed input (ONNX optional types); cresset values are tensors only',
  'node/test_identity_sequence': 'a sequence-typed input (ONNX sequences); cresset values are tensors only',
  'node/test_training_dropout': 'training-mode dropout with ratio 0.75: the expected output comes from numpy\'s random mask, not reproducible',
  'node/test_training_dropout_default': 'training-mode dropout with ratio 0.5: the expected output comes from numpy\'s random mask',
  'node/test_training_dropout_default_mask': 'training-mode dropout with ratio 0.5: the expected output and mask come from numpy\'s random mask',
  'node/test_training_dropout_mask': 'training-mode dropout with ratio 0.75: the expected output and mask come from numpy\'s random mask',
};

/** The ONNX element types cresset has a dtype for. */
const CRESSET_TYPES = new Set([DataType.FLOAT, DataType.DOUBLE, DataType.INT32, DataType.INT64, DataType.UINT8, DataType.BOOL]);

/** The element types of a model's inputs and outputs that cresset has no dtype for. */
function lackedTypes(model: ReturnType<typeof readModel>): string[] {
  const values = [...(model.graph!.input ?? []), ...(model.graph!.output ?? [])];
  const types = values.map((v) => v.type?.tensorType?.elemType).filter((t): t is number => t !== undefined && !CRESSET_TYPES.has(t));
  return [...new Set(types)].map((t) => DataType[t]);
}

interface Case {
  id: string;
  dir: string;
}

function listCases(): { run: Case[]; skipped: [string, string][] } {
  const run: Case[] = [];
  const skipped: [string, string][] = [];
  for (const group of ['node', 'pytorch-converted']) {
    for (const name of fs.readdirSync(path.join(DATA, group)).sort()) {
      const id = `${group}/${name}`;
      const dir = path.join(DATA, group, name);
      const model = readModel(path.join(dir, 'model.onnx'));
      const ops = new Set((model.graph!.node ?? []).map((n) => n.opType!));
      const listed = [...ops].filter((o) => LISTED_OPS.has(o) || TORCHVISION_OPS.has(o));
      if (listed.length === 0) continue; // a case of other ops
      const others = [...ops].filter((o) => !LISTED_OPS.has(o) && !torch.onnx.IMPORT_OPS[o]);
      const types = lackedTypes(model);
      if (others.length) skipped.push([id, `needs ops that are not in the list (nor run by import): ${others.join(', ')}`]);
      else if (types.length) skipped.push([id, `values of element type ${types.join(', ')}, which cresset has no dtype for`]);
      else if (SKIPPED[id]) skipped.push([id, SKIPPED[id]]);
      else run.push({ id, dir });
    }
  }
  return { run, skipped };
}

const { run: cases, skipped } = listCases();
const results = { ran: 0, passed: 0 };

/** The test data sets of a case: inputs and expected outputs as .pb TensorProtos. */
function dataSets(dir: string): { inputs: torch.Tensor[]; outputs: torch.Tensor[] }[] {
  return fs.readdirSync(dir).filter((d) => d.startsWith('test_data_set_')).sort().map((d) => {
    const files = fs.readdirSync(path.join(dir, d));
    const read = (prefix: string) => files.filter((f) => f.startsWith(prefix)).sort((a, b) => parseInt(a.slice(prefix.length), 10) - parseInt(b.slice(prefix.length), 10))
      .map((f) => new torch.Tensor(tensorFromProto(readTensorProto(path.join(dir, d, f)))));
    return { inputs: read('input_'), outputs: read('output_') };
  });
}

function expectClose(got: torch.Tensor, want: torch.Tensor, what: string): void {
  expect([what, got.shape]).toEqual([what, want.shape]);
  const g = got.array.contiguous().values();
  const w = want.array.contiguous().values();
  const exact = want.dtype !== 'float32' && want.dtype !== 'float64';
  for (let i = 0; i < w.length; i++) {
    const ok = exact ? Number(g[i]) === Number(w[i]) : Math.abs(g[i] - w[i]) <= 1e-7 + 1e-3 * Math.abs(w[i]) || (Number.isNaN(g[i]) && Number.isNaN(w[i]));
    if (!ok) throw new Error(`${what}: element ${i} is ${g[i]}, expected ${w[i]}`);
  }
}

test('the conformance data is installed', () => {
  expect(fs.existsSync(DATA)).toBe(true);
  expect(cases.length).toBeGreaterThan(150);
});

test.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
  results.ran++;
  const model = torch.onnx.load(path.join(c.dir, 'model.onnx'));
  const sets = dataSets(c.dir);
  expect(sets.length).toBeGreaterThan(0);
  sets.forEach(({ inputs, outputs }, s) => {
    const res = torch.noGrad(() => model.forward(...inputs));
    const got = Array.isArray(res) ? res : [res];
    expect(got.length).toBeGreaterThanOrEqual(outputs.length);
    outputs.forEach((want, k) => expectClose(got[k], want, `${id} data set ${s} output ${k}`));
  });
  results.passed++;
});

afterAll(() => {
  const lines = skipped.map(([id, why]) => `  ${id}: ${why}`).join('\n');
  console.log(`ONNX conformance: ${results.ran} cases ran, ${results.passed} passed; ${skipped.length} skipped:\n${lines}`);
});
