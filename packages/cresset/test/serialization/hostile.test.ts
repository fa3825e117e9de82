/**
 * safetensors files a hostile or careless writer could make: names that are not ordinary keys,
 * bytes that are not UTF-8, offsets that are not integers, metadata of the wrong kind, structures
 * nested without end. Each is read correctly or is an error naming the file and what is wrong.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { decodeSafetensors, load, save } from '../../src/serialization';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A safetensors file of the given header bytes and data bytes. */
function fileOf(header: string | Uint8Array, data: number[] = []): Uint8Array {
  const h = typeof header === 'string' ? Buffer.from(header) : Buffer.from(header);
  const b = Buffer.alloc(8 + h.length + data.length);
  b.writeBigUInt64LE(BigInt(h.length), 0);
  h.copy(b, 8);
  Buffer.from(data).copy(b, 8 + h.length);
  return new Uint8Array(b);
}
const F32_ONE_TWO = [0, 0, 0x80, 0x3f, 0, 0, 0, 0x40]; // 1.0, 2.0 little-endian

describe('a tensor named __proto__', () => {
  test('in a file from another writer: an ordinary key, the prototype untouched', () => {
    const bytes = fileOf('{"__proto__":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"constructor":{"dtype":"F32","shape":[0],"data_offsets":[8,8]}}', F32_ONE_TWO);
    const { tensors, metadata } = decodeSafetensors(bytes, 'p.safetensors');
    expect(Object.getPrototypeOf(tensors)).toBeNull();
    expect(Object.keys(tensors)).toEqual(['__proto__', 'constructor']);
    expect(tensors['__proto__'].toArray()).toEqual([1, 2]);
    expect(tensors['constructor'].shape).toEqual([0]);
    expect(Object.getPrototypeOf(metadata)).toBeNull();
  });
  test('round-trips through torch.save and torch.load, flat and in a checkpoint', () => {
    const sd: Record<string, torch.Tensor> = Object.create(null);
    sd['__proto__'] = torch.tensor([3, 4]);
    sd['w'] = torch.tensor([5]);
    const flat = path.join(dir, 'proto.safetensors');
    save(sd, flat);
    const back = load(flat);
    expect(Object.keys(back)).toEqual(['__proto__', 'w']);
    expect(back['__proto__'].toArray()).toEqual([3, 4]);
    expect(Object.getPrototypeOf(back)).toBeNull();
    const ckpt = path.join(dir, 'proto-ckpt.safetensors');
    save(JSON.parse('{"__proto__": {"toString": 1}, "step": 7}'), ckpt);
    const c = load(ckpt);
    expect(Object.keys(c)).toEqual(['__proto__', 'step']);
    expect(c['__proto__'].toString).toBe(1);
    expect(Object.getPrototypeOf(c)).toBeNull();
  });
  test('a structure naming a tensor the file lacks, even "constructor", is an error', () => {
    const file = path.join(dir, 'ctor.safetensors');
    const header = { __metadata__: { cresset: '{"x":{"__tensor__":"constructor"}}' }, a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
    fs.writeFileSync(file, fileOf(JSON.stringify(header), F32_ONE_TWO));
    expect(() => load(file)).toThrow(`${file}: the structure refers to tensor "constructor", which the file does not hold`);
  });
});

test('a tensor named __metadata__ cannot be saved (the name is the metadata\'s)', () => {
  const sd: Record<string, torch.Tensor> = { __metadata__: torch.tensor([1]) };
  expect(() => save(sd, path.join(dir, 'meta.safetensors'))).toThrow('torch.save: a tensor cannot be named "__metadata__", the name safetensors keeps for the metadata');
});

describe('headers that break the format are FormatErrors naming the file and the fault', () => {
  const latin = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  test.each([
    ['a name that is not UTF-8', latin('{"a\xff":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}'), 'x.safetensors: not a valid safetensors file: the JSON header at offset 8 is not valid UTF-8'],
    ['string data_offsets', '{"a":{"dtype":"F32","shape":[2],"data_offsets":["0","8"]}}', 'tensor "a" has data_offsets ["0","8"], expected [begin, end], integers with 0 <= begin <= end'],
    ['fractional data_offsets', '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,7.5]}}', 'tensor "a" has data_offsets [0,7.5]'],
    ['negative data_offsets', '{"a":{"dtype":"F32","shape":[0],"data_offsets":[-8,-8]}}', 'tensor "a" has data_offsets [-8,-8]'],
    ['reversed data_offsets', '{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}', 'tensor "a" has data_offsets [8,0]'],
    ['a dim beyond 2^53', '{"a":{"dtype":"F32","shape":[1e300],"data_offsets":[0,8]}}', 'tensor "a" has shape [1e+300], expected a list of integers >= 0'],
    ['a shape of strings', '{"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}}', 'tensor "a" has shape ["2"]'],
    ['dims whose product overflows', '{"a":{"dtype":"F32","shape":[4294967296,4294967296,0.5],"data_offsets":[0,8]}}', 'tensor "a" has shape'],
    ['huge dims', '{"a":{"dtype":"U8","shape":[4294967296,4294967296],"data_offsets":[0,8]}}', 'tensor "a" of shape [4294967296, 4294967296] and dtype U8 needs 18446744073709551616 bytes, its data_offsets [0, 8] give 8'],
    ['an entry that is a number', '{"a":5}', 'tensor "a" has entry 5, expected an object with dtype, shape and data_offsets'],
    ['metadata of numbers', '{"__metadata__":{"format":1}}', '"__metadata__" entry "format" is 1, expected a string'],
    ['metadata that is a list', '{"__metadata__":["pt"]}', '"__metadata__" is ["pt"], expected an object of strings or null'],
    ['a header that is a list', '[1]', 'the header at offset 8 is not a JSON object'],
    ['a dtype named after Object.prototype', '{"a":{"dtype":"toString","shape":[0],"data_offsets":[0,0]}}', 'tensor "a" has dtype toString'],
    ['overlapping tensors', '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', 'tensor "b" starts at data offset 4, expected 8 (tensors must cover the data without gaps or overlaps)'],
  ])('%s', (_n, header, msg) => {
    const bytes = fileOf(header, F32_ONE_TWO);
    expect(() => decodeSafetensors(bytes, 'x.safetensors')).toThrow(torch.FormatError);
    expect(() => decodeSafetensors(bytes, 'x.safetensors')).toThrow(msg);
  });
  test('a bool byte other than 0 or 1', () => {
    const bytes = fileOf('{"m":{"dtype":"BOOL","shape":[3],"data_offsets":[0,3]}}', [1, 0, 2]);
    expect(() => decodeSafetensors(bytes, 'b.safetensors')).toThrow(`b.safetensors: not a valid safetensors file: tensor "m" element 2 (byte 2 at file offset ${bytes.length - 1}) is not a bool (0 or 1)`);
  });
});

test('"__metadata__": null reads as no metadata, as the reference implementation reads it', () => {
  const { tensors, metadata } = decodeSafetensors(fileOf('{"__metadata__":null,"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', F32_ONE_TWO), 'n.safetensors');
  expect(Object.keys(metadata)).toEqual([]);
  expect(tensors.a.toArray()).toEqual([1, 2]);
});

describe('nesting', () => {
  test('a checkpoint structure nested 200,000 deep is an error, not a stack overflow', () => {
    const deep = '['.repeat(200000) + ']'.repeat(200000);
    const header = JSON.stringify({ __metadata__: { format: 'pt', cresset: deep } });
    const file = path.join(dir, 'deep.safetensors');
    fs.writeFileSync(file, fileOf(header));
    expect(() => load(file)).toThrow(torch.FormatError);
    expect(() => load(file)).toThrow(`${file}: the "cresset" structure nests deeper than 1000 levels`);
  });
  test('saving an object nested deeper than 1000 levels (or a cycle) is a ValueError; 1000 levels round-trip', () => {
    let ok: unknown = 1;
    for (let i = 0; i < 999; i++) ok = [ok];
    const file = path.join(dir, 'ok.safetensors');
    save({ x: ok }, file);
    let back = load(file).x;
    for (let i = 0; i < 999; i++) back = back[0];
    expect(back).toBe(1);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => save(cyc, file)).toThrow(torch.ValueError);
    expect(() => save(cyc, file)).toThrow('torch.save: the object nests deeper than 1000 levels at "self.self.self');
  });
  test('a stored number that is not a number is an error', () => {
    const file = path.join(dir, 'num.safetensors');
    fs.writeFileSync(file, fileOf(JSON.stringify({ __metadata__: { cresset: '{"best":{"__number__":"soon"}}' } })));
    expect(() => load(file)).toThrow(`${file}: the structure holds the number "soon", expected NaN, Infinity, -Infinity or an integer`);
  });
});

test('a file over the decode limit is an AllocationError before it is read', () => {
  const file = path.join(dir, 'big.safetensors');
  save({ w: torch.zeros([100]) }, file);
  const size = fs.statSync(file).size;
  const before = torch.getDecodeLimit();
  try {
    torch.setDecodeLimit(size - 1);
    expect(() => load(file)).toThrow(torch.AllocationError);
    expect(() => load(file)).toThrow(`torch.load: reading '${file}' would take ${size} bytes, over the decode limit of ${size - 1} bytes`);
    torch.setDecodeLimit(size);
    expect(load(file).w.shape).toEqual([100]);
  } finally {
    torch.setDecodeLimit(before);
  }
});
