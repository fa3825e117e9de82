/**
 * ONNX external data: initializers whose bytes live in a file beside the model (location, offset,
 * length) load as if they were inside it; a location outside the model's directory, or a range
 * past the end of the file, is refused with the initializer named.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { readModel, writeModel } from '@cresset/onnx';

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

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
