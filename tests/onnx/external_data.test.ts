/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * ONNX external data: initializers whose bytes live in a file beside the model (location, offset,
 * length) load as if they were inside it; a location outside the model's directory, or a range
 * past the end of the file, is refused with the initializer named. Export writes external data
 * when asked (and past 2 GiB), which onnx.checker, onnxruntime-node and torch.onnx.load accept.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { decodeModel, readModel, writeModel } from '@cresset/onnx';
import { checkModels } from './onnx_checker';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-external-'));
const file = (name: string) => path.join(dir, name);

/** The exported file of a small net, rewritten with its initializers in `weights` under `location`. */
function externalise(name: string, location: string, shift = 0): string {
  const model = readModel(file('net.onnx'));
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const tp of model.graph!.initializer!) {
    const raw = tp.rawData!;
    tp.externalData = [{ key: 'location', value: location }, { key: 'offset', value: String(offset + shift) }, { key: 'length', value: String(raw.length) }];
    tp.dataLocation = 1;
    delete tp.rawData;
    chunks.push(raw);
    offset += raw.length;
  }
  fs.writeFileSync(file('net.weights'), Buffer.concat(chunks));
  writeModel(model, file(name));
  return file(name);
}

torch.manualSeed(2);
const net = new torch.nn.Sequential(new torch.nn.Linear(4, 6), new torch.nn.ReLU(), new torch.nn.Linear(6, 3));
const x = torch.randn([5, 4]);
torch.onnx.export(net, x, file('net.onnx'));

test('initializers stored as external data load and give the model\'s outputs', () => {
  const m = torch.onnx.load(externalise('external.onnx', 'net.weights'));
  const got = torch.noGrad(() => m.forward(x)) as torch.Tensor;
  expect(got.sub(net.forward(x)).abs().max().item()).toBe(0);
});

test('a location outside the model\'s directory is refused', () => {
  expect(() => torch.onnx.load(externalise('escape.onnx', '../net.weights'))).toThrow("initializer '0.weight': external data location '../net.weights' is outside the model's directory");
});

test('a range past the end of the file is refused', () => {
  expect(() => torch.onnx.load(externalise('past_end.onnx', 'net.weights', 8))).toThrow(/initializer '2.bias': external data at offset \d+ of length 12 runs past the end of 'net.weights'/);
});

test('export with externalData writes the weights of 1 KiB or more to <file>.data, and the file checks, loads and verifies', async () => {
  torch.manualSeed(3);
  const wide = new torch.nn.Sequential(new torch.nn.Linear(64, 32), new torch.nn.Tanh(), new torch.nn.Linear(32, 16));
  const input = torch.randn([3, 64]);
  const out = file('wide.onnx');
  torch.onnx.export(wide, input, out, { externalData: true });
  const stored = decodeModel(fs.readFileSync(out)).graph!.initializer!.map((tp) => [tp.name, tp.dataLocation ?? 0, tp.externalData?.map((e) => e.value) ?? []]);
  expect(stored).toEqual([
    ['0.weight', 1, ['wide.onnx.data', '0', '8192']], ['0.bias', 0, []],
    ['2.weight', 1, ['wide.onnx.data', '8192', '2048']], ['2.bias', 0, []],
  ]);
  expect(fs.statSync(`${out}.data`).size).toBe((64 * 32 + 32 * 16) * 4);
  expect(checkModels([out])).toBe('');
  const m = torch.onnx.load(out);
  expect((torch.noGrad(() => m.forward(input)) as torch.Tensor).sub(wide.forward(input)).abs().max().item()).toBe(0);
  expect((await torch.onnx.verify(wide, out, input)).passed).toBe(true);
});

test('the ranges a model reads count against the decode limit, all together, not the data file', () => {
  const out = file('wide.onnx');
  fs.appendFileSync(`${out}.data`, Buffer.alloc(4096));   // bytes no initializer reads
  const limit = torch.getDecodeLimit();
  try {
    torch.setDecodeLimit(8192 + 2048);
    expect(torch.onnx.load(out).stateDict()['2.weight'].shape).toEqual([16, 32]);
    torch.setDecodeLimit(8192 + 1024);
    expect(() => torch.onnx.load(out)).toThrow(/the external data of its initializers \(up to '2.weight'\) would take 10240 bytes, over the decode limit of 9216 bytes/);
  } finally {
    torch.setDecodeLimit(limit);
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
