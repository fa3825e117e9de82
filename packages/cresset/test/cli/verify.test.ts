/** @jest-environment ./tests/onnx/ort_environment.js */
/** `cresset verify`: exports LeNet weights to ONNX and compares onnxruntime-node with cresset; other weights fail. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { verifyCommand } from '../../src/cli/verify_command';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-verify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function weights(name: string, seed: number, opts?: torch.models.LeNetOptions): string {
  torch.manualSeed(seed);
  const file = path.join(dir, `${name}.safetensors`);
  torch.save(new torch.models.LeNet(opts).stateDict(), file);
  return file;
}

test('exports, runs onnxruntime-node and passes for the same weights (3x32x32 and 1x28x28 inferred from conv1)', async () => {
  for (const [name, opts] of [['rgb', {}], ['gray', { inChannels: 1, padding: 2 }]] as const) {
    const lines: string[] = [];
    const w = weights(name, 1, opts);
    const onnxFile = path.join(dir, `${name}.onnx`);
    expect(await verifyCommand(['--weights', w, '--onnx', onnxFile, '--export'], (s) => lines.push(s))).toBe(true);
    expect(lines[0]).toBe(`exported ${onnxFile} at opset 13`);
    expect(lines[1]).toMatch(/^verify .*\.onnx against cresset with onnxruntime-node:\n  logits: max abs diff \S+, max rel diff \S+ ok\nPASSED$/);
  }
});

test('--opset chooses the exported opset (11 to 17), and another value is refused naming the option', async () => {
  const w = weights('opset', 1);
  for (const opset of [11, 17]) {
    const onnxFile = path.join(dir, `opset${opset}.onnx`);
    const lines: string[] = [];
    expect(await verifyCommand(['--weights', w, '--onnx', onnxFile, '--export', '--opset', String(opset)], (s) => lines.push(s))).toBe(true);
    expect(lines[0]).toBe(`exported ${onnxFile} at opset ${opset}`);
    expect(torch.onnx.load(onnxFile).opset).toBe(opset);
  }
  await expect(verifyCommand(['--weights', w, '--opset', '18'], () => undefined)).rejects.toThrow(/option '--opset <n>' argument '18' is invalid\. expected an integer from 11 to 17/);
});

test('an ONNX file of other weights fails verification', async () => {
  const onnxFile = path.join(dir, 'a.onnx');
  await verifyCommand(['--weights', weights('a', 1), '--onnx', onnxFile, '--export'], () => undefined);
  const lines: string[] = [];
  expect(await verifyCommand(['--weights', weights('b', 2), '--onnx', onnxFile], (s) => lines.push(s))).toBe(false);
  expect(lines.join('\n')).toMatch(/MISMATCH\nFAILED$/);
});

test('weights that are not LeNet\'s are refused naming the file', async () => {
  const file = path.join(dir, 'other.safetensors');
  torch.save({ 'fc.weight': torch.zeros(2, 2) }, file);
  await expect(verifyCommand(['--weights', file], () => undefined)).rejects.toThrow(`${file}: no conv1.weight of 4 dims, so not LeNet weights; give --input CxHxW`);
});

test('an ONNX file older than the weights beside it is re-exported, saying why; one elsewhere is flagged', async () => {
  const w = weights('stale', 1);
  const beside = path.join(dir, 'stale.onnx');
  await verifyCommand(['--weights', w], () => undefined);
  const elsewhere = path.join(dir, 'elsewhere.onnx');
  fs.copyFileSync(beside, elsewhere);
  const old = new Date(Date.now() - 60_000);
  fs.utimesSync(beside, old, old);
  fs.utimesSync(elsewhere, old, old);
  weights('stale', 2);   // new weights in the same file, as a resumed training run writes them
  const lines: string[] = [];
  expect(await verifyCommand(['--weights', w, '--onnx', beside], (s) => lines.push(s))).toBe(true);
  expect(lines[0]).toBe(`exported ${beside} at opset 13 (it was older than ${w})`);
  const flagged: string[] = [];
  expect(await verifyCommand(['--weights', w, '--onnx', elsewhere], (s) => flagged.push(s))).toBe(false);
  expect(flagged[0]).toBe(`note: ${elsewhere} is older than ${w}, so it may hold other weights; --export writes it afresh`);
});
