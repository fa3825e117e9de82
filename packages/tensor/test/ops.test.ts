/**
 * @cresset/tensor's operations against PyTorch (scripts/fixtures/tensor_ops.py): values and dtypes
 * of broadcasting math with type promotion, reductions, views (strides, offset, contiguity, shared
 * storage), creation, matmul, cat/stack and pad; and for misuse, an error carrying PyTorch's message.
 */
import { CressetError, NDArray } from '../src';
import { decode, decodeValue, expectTensor, JsonTensor, JsonValue, loadFixture } from './fixture';
import { OPS } from './ops_table';

interface Case {
  name: string;
  inputs: (JsonTensor | { scalar: JsonValue })[];
  out?: JsonTensor | JsonTensor[];
  error?: string;
  view?: { stride: number[]; offset: number; contiguous: boolean; shares: boolean };
}
const { cases } = loadFixture<{ cases: Case[] }>('tensor_ops');

const input = (x: Case['inputs'][number]) => ('scalar' in x ? (typeof x.scalar === 'boolean' ? x.scalar : decodeValue(x.scalar)) : decode(x));

test('every fixture case has a cresset spelling and every spelling a fixture', () => {
  expect(Object.keys(OPS).sort()).toEqual(cases.map((c) => c.name).sort());
});

test.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
  const fn = OPS[name];
  const args = c.inputs.map(input);
  if (c.error !== undefined) {
    let thrown: unknown;
    try {
      fn(...args);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CressetError);
    expect((thrown as Error).message).toContain(c.error.replace(/^Argument #\d+: /, ''));
    return;
  }
  const out = fn(...args);
  if (Array.isArray(c.out)) {
    const outs = out as NDArray[];
    expect(outs).toHaveLength(c.out.length);
    c.out.forEach((e, i) => expectTensor(outs[i], e, {}, `${name}[${i}]`));
    return;
  }
  const r = out as NDArray;
  // creation is exact: PyTorch's arange and linspace values to the last bit
  expectTensor(r, c.out!, /^(arange|linspace)/.test(name) ? { rtol: 0, atol: 0 } : {}, name);
  if (c.view) {
    const base = args.find((a) => a instanceof NDArray) as unknown as NDArray;
    expect({ stride: [...r.strides], offset: r.offset, contiguous: r.isContiguous(), shares: r.data === base.data }).toEqual(c.view);
  }
});
