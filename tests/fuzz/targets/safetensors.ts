/**
 * torch.load on safetensors files torch.save wrote: a flat state dict of every dtype and a
 * checkpoint (nested records, numbers, strings, tensors). A result is right when every tensor has
 * the dtype, shape and bytes its header entry gives and the checkpoint's structure is the one in
 * its "cresset" metadata.
 */
import * as path from 'path';
import * as torch from 'cresset';
import type { Rng } from '../rng';
import type { Mutation, Target } from '../target';

const ST_DTYPE: Record<string, string> = { F32: 'float32', F64: 'float64', I32: 'int32', I64: 'int64', U8: 'uint8', BOOL: 'bool' };
const SIZE: Record<string, number> = { F32: 4, F64: 8, I32: 4, I64: 8, U8: 1, BOOL: 1 };

interface Parsed {
  header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }> & { __metadata__?: Record<string, string> };
  dataStart: number;
}

/** The header as plain JSON.parse reads it (no checks: the reader does those). */
function parse(bytes: Uint8Array): Parsed {
  const n = Number(Buffer.from(bytes).readBigUInt64LE(0));
  return { header: JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8')), dataStart: 8 + n };
}

/** The file with its header replaced by `header` (the length prefix fixed, the data kept). */
function withHeader(bytes: Uint8Array, header: unknown): Uint8Array {
  const { dataStart } = parse(bytes);
  const h = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(h.length));
  return new Uint8Array(Buffer.concat([len, h, bytes.subarray(dataStart)]));
}

const BAD_NUMBERS: unknown[] = [-1, 0, 1, 3, 1.5, 2 ** 31, 2 ** 53, 1e20, '3', null];

/** One seeded edit of the JSON header, or of its length prefix. */
export function editHeader(rng: Rng, bytes: Uint8Array): Mutation {
  const { header } = parse(bytes);
  const names = Object.keys(header).filter((k) => k !== '__metadata__');
  const name = rng.pick(names);
  const entry = header[name] as unknown as Record<string, unknown>;
  const v = rng.pick(BAD_NUMBERS);
  switch (rng.int(0, 9)) {
    case 0: {
      const shape = [...(entry.shape as number[])];
      const d = rng.int(0, shape.length + 1);
      shape[d] = v as number;
      entry.shape = shape;
      return { what: `shape of "${name}" set to ${JSON.stringify(shape)}`, bytes: withHeader(bytes, header) };
    }
    case 1: {
      const offs = [...(entry.data_offsets as number[])];
      offs[rng.int(0, 2)] = rng.next() < 0.5 ? (v as number) : offs[0] + rng.int(-8, 9);
      entry.data_offsets = offs as [number, number];
      return { what: `data_offsets of "${name}" set to ${JSON.stringify(offs)}`, bytes: withHeader(bytes, header) };
    }
    case 2:
      entry.dtype = rng.pick(['F32', 'F64', 'I32', 'I64', 'U8', 'BOOL', 'F16', 'toString', '']);
      return { what: `dtype of "${name}" set to ${entry.dtype}`, bytes: withHeader(bytes, header) };
    case 3: {
      const to = rng.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__metadata__']);
      const renamed = Object.fromEntries(Object.entries(header).map(([k, e]) => [k === name ? to : k, e]));
      return { what: `"${name}" renamed "${to}"`, bytes: withHeader(bytes, renamed) };
    }
    case 4:
      (header as Record<string, unknown>).__metadata__ = rng.pick([null, 5, [], { format: 1 }, { cresset: '[[[[' }, { cresset: '{"x":{"__tensor__":"constructor"}}' }]);
      return { what: `__metadata__ set to ${JSON.stringify(header.__metadata__)}`, bytes: withHeader(bytes, header) };
    case 5: {
      const out = bytes.slice();
      const n = Number(Buffer.from(bytes).readBigUInt64LE(0));
      const to = rng.pick([0, n - 1, n + 1, n + rng.int(2, 100), 2 ** 40, 1e8 + 1]);
      Buffer.from(out.buffer).writeBigUInt64LE(BigInt(to), 0);
      return { what: `header length ${n} set to ${to}`, bytes: out };
    }
    case 6: {
      const out = Buffer.from(bytes);
      const at = out.indexOf(Buffer.from(`"${name}"`)) + 1;
      out[at] = rng.pick([0xff, 0xc0, 0x80, 0xed]);
      return { what: `byte ${at} of the name "${name}" set to ${out[at]} (not UTF-8)`, bytes: new Uint8Array(out) };
    }
    case 7:
      delete (header as Record<string, unknown>)[name];
      return { what: `entry "${name}" removed`, bytes: withHeader(bytes, header) };
    default: {
      const extra = Buffer.concat([Buffer.from(bytes), Buffer.alloc(rng.int(1, 9), 7)]);
      return { what: 'bytes appended after the data', bytes: new Uint8Array(extra) };
    }
  }
}

/** The values a tensor's bytes hold, as cresset stores them. */
function valuesOf(raw: Buffer, st: string): number[] {
  const out: number[] = [];
  for (let at = 0; at < raw.length; at += SIZE[st]) {
    out.push({ F32: () => raw.readFloatLE(at), F64: () => raw.readDoubleLE(at), I32: () => raw.readInt32LE(at), I64: () => Number(raw.readBigInt64LE(at)), U8: () => raw[at], BOOL: () => raw[at] }[st]!());
  }
  return out;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || x === b[i]);

/** Null if tensor t is what entry `name` of the header says. */
function checkTensor(t: unknown, name: string, p: Parsed, bytes: Uint8Array): string | null {
  const e = p.header[name];
  if (!e || name === '__metadata__') return `returned tensor "${name}", which the header does not list`;
  if (!(t instanceof torch.Tensor)) return `"${name}" is not a tensor`;
  if (t.dtype !== ST_DTYPE[e.dtype] || JSON.stringify([...t.shape]) !== JSON.stringify(e.shape)) return `"${name}" is ${t.dtype} [${t.shape}], the header says ${e.dtype} [${e.shape}]`;
  const raw = Buffer.from(bytes.subarray(p.dataStart + e.data_offsets[0], p.dataStart + e.data_offsets[1]));
  if (!same(Array.from(t.array.contiguous().values()), valuesOf(raw, e.dtype))) return `"${name}" holds values other than its bytes`;
  return null;
}

/** Null if `got` is the checkpoint `skeleton` describes, with tensors checked against the file. */
function checkStructure(got: unknown, skeleton: unknown, p: Parsed, bytes: Uint8Array, at: string): string | null {
  if (Array.isArray(skeleton)) {
    if (!Array.isArray(got) || got.length !== skeleton.length) return `${at}: not the array the structure has`;
    for (let i = 0; i < skeleton.length; i++) {
      const why = checkStructure(got[i], skeleton[i], p, bytes, `${at}[${i}]`);
      if (why) return why;
    }
    return null;
  }
  if (skeleton && typeof skeleton === 'object') {
    const s = skeleton as Record<string, unknown>;
    if (typeof s.__tensor__ === 'string') return checkTensor(got, s.__tensor__, p, bytes);
    if (typeof s.__number__ === 'string') return Object.is(got, Number(s.__number__)) ? null : `${at}: ${String(got)} is not ${s.__number__}`;
    const g = got as Record<string, unknown>;
    if (!g || typeof g !== 'object' || JSON.stringify(Object.keys(g)) !== JSON.stringify(Object.keys(s))) return `${at}: keys differ from the structure's`;
    for (const k of Object.keys(s)) {
      const why = checkStructure(g[k], s[k], p, bytes, `${at}.${k}`);
      if (why) return why;
    }
    return null;
  }
  return Object.is(got, skeleton) ? null : `${at}: ${String(got)} is not ${String(skeleton)}`;
}

export const safetensors: Target = {
  setup(dir) {
    const flat = path.join(dir, 'flat.safetensors');
    const ckpt = path.join(dir, 'ckpt.safetensors');
    torch.manualSeed(0);
    const sd = {
      'fc.weight': torch.randn(3, 4), 'fc.bias': torch.randn([4], { dtype: 'float64' }), steps: torch.tensor([1, -2, 2 ** 40], { dtype: 'int64' }),
      ids: torch.tensor([7, -8], { dtype: 'int32' }), pix: torch.tensor([0, 255, 9], { dtype: 'uint8' }), mask: torch.tensor([true, false, true]),
    };
    torch.save(sd, flat);
    torch.save({ model: sd, epoch: 3, best: Infinity, name: 'lenet', hist: [1.5, [2, { a: null }]] }, ckpt);
    return [flat, ckpt];
  },
  editHeader: (rng, bytes) => editHeader(rng, bytes),
  read: (dir) => ({ flat: torch.load(path.join(dir, 'flat.safetensors')), ckpt: torch.load(path.join(dir, 'ckpt.safetensors')) }),
  check(result, file, bytes) {
    const p = parse(bytes);
    const got = (result as Record<string, unknown>)[path.basename(file, '.safetensors')] as Record<string, unknown>;
    if (Object.getPrototypeOf(got) !== null) return 'the result is not a null-prototype object';
    const cresset = p.header.__metadata__?.cresset;
    if (cresset === undefined) {
      const names = Object.keys(p.header).filter((k) => k !== '__metadata__');
      if (JSON.stringify(Object.keys(got)) !== JSON.stringify(names)) return `returned tensors ${Object.keys(got)}, the header lists ${names}`;
      for (const n of names) {
        const why = checkTensor(got[n], n, p, bytes);
        if (why) return why;
      }
      return null;
    }
    return checkStructure(got, JSON.parse(cresset), p, bytes, 'checkpoint');
  },
};
