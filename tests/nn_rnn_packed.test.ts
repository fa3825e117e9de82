/**
 * nn.utils.rnn against PyTorch 1.13 (tests/fixtures/nn_rnn_packed.json, from
 * scripts/fixtures/nn_rnn_packed.py): packPaddedSequence's fields and padPackedSequence's result
 * (sorted and unsorted, batchFirst, totalLength, paddingValue), padSequence, packSequence, unpadSequence and unpackSequence, and
 * RNN / LSTM / GRU on packed input: outputs, final states and the gradients of the padded input,
 * the initial states and every parameter, in float32 (1e-5 of PyTorch's float64) and float64 (1e-10).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';
import { FixtureTensor, relError, toTensor } from './nn_cases';

const { nn } = torch;
const { packPaddedSequence, padPackedSequence, padSequence, packSequence, unpadSequence, unpackSequence } = nn.utils.rnn;

interface Packed { data: FixtureTensor; batchSizes: number[]; sortedIndices: number[] | null; unsortedIndices: number[] | null }
interface PackingCase { name: string; input: FixtureTensor; lengths: number[]; batchFirst: boolean; enforceSorted: boolean; totalLength: number | null; paddingValue: number; packed: Packed; padded: FixtureTensor; paddedLengths: number[] }
interface PadSequenceCase { name: string; sequences: FixtureTensor[]; batchFirst: boolean; paddingValue: number; enforceSorted: boolean; padded: FixtureTensor; packed: Packed; unpadded: FixtureTensor[]; unpacked: FixtureTensor[] }
interface LayerCase {
  name: string; module: 'LSTM' | 'GRU' | 'RNN'; args: number[]; kwargs: Record<string, unknown>; batchFirst: boolean; lengths: number[]; enforceSorted: boolean; seed: number;
  init: Record<string, FixtureTensor>; input: FixtureTensor; states: FixtureTensor[]; packedOutput: FixtureTensor; padded: FixtureTensor; finals: FixtureTensor[];
  gradOutputs: FixtureTensor[]; inputGrad: FixtureTensor; stateGrads: FixtureTensor[]; paramGrads: Record<string, FixtureTensor>;
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'nn_rnn_packed.json'), 'utf8')) as { packing: PackingCase[]; padSequence: PadSequenceCase[]; layers: LayerCase[] };
const tolerance: Record<string, number> = { float32: 1e-5, float64: 1e-10 };

function expectClose(actual: torch.Tensor | null, ref: FixtureTensor, dtype: string, where: string): void {
  expect(actual).toBeInstanceOf(torch.Tensor);
  const err = relError(actual!, ref);
  expect({ where, err: err <= tolerance[dtype] ? 'ok' : err }).toEqual({ where, err: 'ok' });
}

function expectPacked(p: torch.nn.PackedSequence, ref: Packed): void {
  expectClose(p.data, ref.data, 'float64', 'data');
  expect(p.batchSizes.dtype).toBe('int64');
  expect(p.batchSizes.toArray()).toEqual(ref.batchSizes);
  expect(p.sortedIndices?.toArray() ?? null).toEqual(ref.sortedIndices);
  expect(p.unsortedIndices?.toArray() ?? null).toEqual(ref.unsortedIndices);
}

test.each(fixture.packing.map((c) => [c.name, c] as const))('packPaddedSequence / padPackedSequence: %s', (_n, c) => {
  const p = packPaddedSequence(toTensor(c.input), c.lengths, c.batchFirst, c.enforceSorted);
  expectPacked(p, c.packed);
  const [padded, lengths] = padPackedSequence(p, { batchFirst: c.batchFirst, paddingValue: c.paddingValue, totalLength: c.totalLength });
  expectClose(padded, c.padded, 'float64', 'padded');
  expect(lengths.dtype).toBe('int64');
  expect(lengths.toArray()).toEqual(c.paddedLengths);
});

test.each(fixture.padSequence.map((c) => [c.name, c] as const))('padSequence / packSequence / unpadSequence / unpackSequence: %s', (_n, c) => {
  const seqs = c.sequences.map((s) => toTensor(s));
  const padded = padSequence(seqs, c.batchFirst, c.paddingValue);
  expectClose(padded, c.padded, 'float64', 'padded');
  const packed = packSequence(seqs, c.enforceSorted);
  expectPacked(packed, c.packed);
  const unpadded = unpadSequence(padded, seqs.map((s) => s.shape[0]), c.batchFirst);
  expect(unpadded.length).toBe(c.unpadded.length);
  unpadded.forEach((u, i) => expectClose(u, c.unpadded[i], 'float64', `unpadded ${i}`));
  const unpacked = unpackSequence(packed);
  expect(unpacked.length).toBe(c.unpacked.length);
  unpacked.forEach((u, i) => expectClose(u, c.unpacked[i], 'float64', `unpacked ${i}`));
});

test('packPaddedSequence refuses unsorted lengths when enforceSorted, and zero lengths', () => {
  const x = torch.zeros([3, 2, 1]);
  expect(() => packPaddedSequence(x, [1, 3])).toThrow(/must be sorted in decreasing order when `enforce_sorted` is True/);
  expect(() => packPaddedSequence(x, [2, 0])).toThrow(/Length of all samples has to be greater than 0/);
  expect(() => padPackedSequence(packPaddedSequence(x, [3, 2]), { totalLength: 2 })).toThrow(/total_length=2 and max sequence length being 3/);
});

const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

function runLayer(c: LayerCase, dtype: 'float32' | 'float64'): void {
  torch.manualSeed(c.seed);
  const opts = { ...Object.fromEntries(Object.entries(c.kwargs).map(([k, v]) => [camel(k), v])), batchFirst: c.batchFirst };
  const m = new (nn[c.module] as unknown as new (...a: unknown[]) => torch.nn.RNNBase)(...c.args, opts);
  const params = new Map(m.namedParameters());
  expect([...params.keys()]).toEqual(Object.keys(c.init));
  for (const [n, p] of Object.entries(c.init)) expect(params.get(n)!.reshape(-1).toArray()).toEqual(p.values);
  if (dtype === 'float64') m.double();
  const x = toTensor(c.input, dtype).requiresGrad_();
  const hs = c.states.map((s) => toTensor(s, dtype).requiresGrad_());
  const packed = packPaddedSequence(x, c.lengths, c.batchFirst, c.enforceSorted);
  const hx = hs.length === 0 ? null : hs.length === 1 ? hs[0] : [hs[0], hs[1]];
  const [out, h] = (m.forward as (i: unknown, hx: unknown) => [torch.nn.PackedSequence, torch.Tensor | torch.Tensor[]])(packed, hx);
  const finals = Array.isArray(h) ? h : [h];
  const [padded] = padPackedSequence(out, { batchFirst: c.batchFirst });
  expectClose(out.data, c.packedOutput, dtype, 'packed output');
  expectClose(padded, c.padded, dtype, 'padded output');
  finals.forEach((f, i) => expectClose(f, c.finals[i], dtype, `final state ${i}`));
  [padded, ...finals].map((t, i) => t.mul(toTensor(c.gradOutputs[i], dtype)).sum()).reduce((a, b) => a.add(b)).backward();
  expectClose(x.grad, c.inputGrad, dtype, 'input grad');
  hs.forEach((s, i) => expectClose(s.grad, c.stateGrads[i], dtype, `state ${i} grad`));
  for (const [n, g] of Object.entries(c.paramGrads)) expectClose(params.get(n)!.grad, g, dtype, `${n}.grad`);
}

describe.each(['float32', 'float64'] as const)('recurrent layers on packed input in %s', (dtype) => {
  test.each(fixture.layers.map((c) => [c.name, c] as const))('%s', (_n, c) => runLayer(c, dtype));
});
