/**
 * safetensors: files from a spec-only Python writer (scripts/fixtures/data_safetensors.py) read
 * back exactly, a PyTorch LeNet's state dict loads by name and computes PyTorch's output, what
 * cresset writes re-reads identically, and broken files are FormatErrors naming file and offset.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { decodeSafetensors, encodeSafetensors, load, save } from '../../src/serialization';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../tests/fixtures/data_safetensors.json'), 'utf8'));
const bytesOf = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-st-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading files written by the Python spec writer', () => {
  const { tensors } = decodeSafetensors(bytesOf(fx.mixed.file), 'mixed.safetensors');
  test.each(Object.entries(fx.mixed.tensors) as [string, { dtype: string; shape: number[]; values: (number | boolean)[] }][])('%s', (name, want) => {
    const t = tensors[name];
    expect(t.dtype).toBe(want.dtype);
    expect([...t.shape]).toEqual(want.shape);
    const got = Array.from(t.array.values());
    expect(got).toEqual(want.values.map((v) => (typeof v === 'boolean' ? Number(v) : want.dtype === 'float32' ? Math.fround(v) : v)));
  });
});

test('a PyTorch LeNet state dict loads by name and gives PyTorch\'s output', () => {
  const file = path.join(dir, 'lenet.safetensors');
  fs.writeFileSync(file, bytesOf(fx.lenet.file));
  const sd = torch.load(file) as Record<string, torch.Tensor>;
  expect(Object.keys(sd)).toEqual(fx.lenet.keys);
  const model = new torch.models.LeNet({ inChannels: 1, padding: 2 });
  model.loadStateDict(sd);
  const y = torch.noGrad(() => model.forward(torch.tensor(fx.lenet.input).reshape([2, 1, 28, 28])));
  const got = Array.from(y.array.values());
  got.forEach((v, i) => expect(Math.abs(v - fx.lenet.output[i])).toBeLessThan(1e-5));
});

test('what cresset writes has the Python writer\'s header and data for the same tensors', () => {
  const py = bytesOf(fx.mixed.file);
  const ours = encodeSafetensors(decodeSafetensors(py, 'mixed').tensors, { format: 'pt' });
  const split = (b: Uint8Array) => {
    const n = Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true));
    return { header: JSON.parse(Buffer.from(b.slice(8, 8 + n)).toString()), data: Buffer.from(b.slice(8 + n)), aligned: n % 8 === 0 };
  };
  const [a, b] = [split(ours), split(py)];
  expect(a.header).toEqual(b.header);
  expect(a.data.equals(b.data)).toBe(true);
  expect(a.aligned).toBe(true);
});

test('a checkpoint (nested records, tensors, numbers, strings, Infinity) round-trips through save/load', () => {
  const file = path.join(dir, 'ckpt.safetensors');
  const ckpt = {
    model: { 'fc.weight': torch.tensor([[1, 2], [3, 4]]), 'fc.bias': torch.tensor([0.5, -0.5]) },
    optimizer: { state: { 0: { step: torch.tensor(3), momentum_buffer: torch.tensor([1, 2], { dtype: 'float64' }) } }, param_groups: [{ lr: 0.1, params: [0] }] },
    epoch: 2,
    best: Infinity,
    name: 'lenet',
  };
  save(ckpt, file);
  const back = load(file);
  expect(back.epoch).toBe(2);
  expect(back.best).toBe(Infinity);
  expect(back.name).toBe('lenet');
  expect(back.optimizer.param_groups).toEqual([{ lr: 0.1, params: [0] }]);
  expect(back.model['fc.weight'].toArray()).toEqual([[1, 2], [3, 4]]);
  expect(back.optimizer.state[0].momentum_buffer.dtype).toBe('float64');
  expect(back.optimizer.state[0].step.item()).toBe(3);
  expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
});

describe('broken files are FormatErrors naming the file and where', () => {
  const good = bytesOf(fx.mixed.file);
  const headerLen = Number(new DataView(good.buffer, good.byteOffset).getBigUint64(0, true));
  const withHeader = (h: string) => {
    const j = Buffer.from(h);
    const b = Buffer.alloc(8 + j.length);
    b.writeBigUInt64LE(BigInt(j.length), 0);
    j.copy(b, 8);
    return new Uint8Array(b);
  };
  test.each([
    ['empty', new Uint8Array(0), 'x.safetensors: not a valid safetensors file: 0 bytes is too short for the 8-byte header length at offset 0'],
    ['header cut', good.slice(0, 100), `x.safetensors: not a valid safetensors file: the header length at offset 0 says ${headerLen} bytes, but only 92 follow offset 8 (truncated?)`],
    ['data cut', good.slice(0, good.length - 5), 'but the file ends at offset'],
    ['not JSON', withHeader('{"a": nope}'), 'x.safetensors: not a valid safetensors file: the JSON header at offset 8 does not parse'],
    ['bad dtype', withHeader('{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}'), 'tensor "a" has dtype F16'],
    ['wrong size', withHeader('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}'), 'tensor "a" of shape [2] and dtype F32 needs 8 bytes, its data_offsets [0, 4] give 4'],
  ])('%s', (_n, bytes, msg) => {
    expect(() => decodeSafetensors(bytes, 'x.safetensors')).toThrow(torch.FormatError);
    expect(() => decodeSafetensors(bytes, 'x.safetensors')).toThrow(msg);
  });
  test('torch.load of a truncated file names the file', () => {
    const file = path.join(dir, 'cut.safetensors');
    fs.writeFileSync(file, good.slice(0, good.length - 3));
    expect(() => load(file)).toThrow(`${file}: not a valid safetensors file`);
  });
});
