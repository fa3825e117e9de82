/**
 * Parsing and checking the header of a .safetensors file, before any tensor is allocated: the
 * 8-byte length within the file and under the format's 100 MB cap, the JSON in valid UTF-8, each
 * entry's dtype, shape and data_offsets integers in range, and the tensors covering the data
 * without gaps or overlaps, as the reference implementation (huggingface/safetensors) requires.
 */
import { DType, itemSize } from '@cresset/tensor';

/** cresset dtypes by safetensors dtype name. */
export const FROM_ST: Readonly<Record<string, DType>> = { F32: 'float32', F64: 'float64', I32: 'int32', I64: 'int64', U8: 'uint8', BOOL: 'bool' };

/** The reference implementation's limit on the header's length. */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor's entry: its name, dtype, shape and byte range within the data section. */
export interface TensorEntry {
  name: string;
  dtype: DType;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  /** File offset where the data section starts. */
  dataStart: number;
  entries: TensorEntry[];
  /** The string metadata (null-prototype: its keys come from the file). */
  metadata: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Parses the header of a safetensors file's bytes; `fail` throws with a message saying what is wrong. */
export function parseHeader(bytes: Uint8Array, fail: (msg: string) => never): SafetensorsHeader {
  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for the 8-byte header length at offset 0`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) fail(`the header length at offset 0 says ${n} bytes, but only ${bytes.length - 8} follow offset 8 (truncated?)`);
  if (n > BigInt(MAX_HEADER_BYTES)) fail(`the header length at offset 0 says ${n} bytes, over the format's limit of ${MAX_HEADER_BYTES}`);
  const dataStart = 8 + Number(n);
  let text: string;
  try {
    text = utf8.decode(bytes.subarray(8, dataStart));
  } catch {
    return fail(`the JSON header at offset 8 is not valid UTF-8`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    return fail(`the JSON header at offset 8 does not parse (${(e as Error).message})`);
  }
  if (!isRecord(header)) fail('the header at offset 8 is not a JSON object');
  const dataLen = bytes.length - dataStart;
  const entries: TensorEntry[] = [];
  let metadata: Record<string, string> = Object.create(null);
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') metadata = parseMetadata(info, fail);
    else entries.push(parseEntry(name, info, dataLen, dataStart, fail));
  }
  checkCoverage(entries, dataLen, dataStart, fail);
  return { dataStart, entries, metadata };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** "__metadata__": a map of strings to strings, or null (no metadata), as the reference reads it. */
function parseMetadata(info: unknown, fail: (msg: string) => never): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (info === null) return out;
  if (!isRecord(info)) return fail(`"__metadata__" is ${JSON.stringify(info)}, expected an object of strings or null`);
  for (const [k, v] of Object.entries(info)) {
    if (typeof v !== 'string') fail(`"__metadata__" entry "${k}" is ${JSON.stringify(v)}, expected a string`);
    out[k] = v as string;
  }
  return out;
}

function parseEntry(name: string, info: unknown, dataLen: number, dataStart: number, fail: (msg: string) => never): TensorEntry {
  if (!isRecord(info)) return fail(`tensor "${name}" has entry ${JSON.stringify(info)}, expected an object with dtype, shape and data_offsets`);
  const { dtype: st, shape, data_offsets: offs } = info;
  const dtype = typeof st === 'string' && Object.prototype.hasOwnProperty.call(FROM_ST, st) ? FROM_ST[st] : undefined;
  if (!dtype) {
    const got = st === undefined ? 'no dtype' : `dtype ${typeof st === 'string' ? st : JSON.stringify(st)}`;
    return fail(`tensor "${name}" has ${got}; cresset reads ${Object.keys(FROM_ST).join(', ')}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    return fail(`tensor "${name}" has shape ${JSON.stringify(shape)}, expected a list of integers >= 0`);
  }
  if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0) || offs[0] > offs[1]) {
    return fail(`tensor "${name}" has data_offsets ${JSON.stringify(offs)}, expected [begin, end], integers with 0 <= begin <= end`);
  }
  const [begin, end] = offs as [number, number];
  // a product below the span is exact; one above it only needs to stay above it
  let bytes = (shape as number[]).includes(0) ? 0 : itemSize(dtype);
  for (const d of shape as number[]) bytes = bytes > end - begin ? Infinity : bytes * d;
  if (bytes !== end - begin) {
    const need = (shape as number[]).reduce((a, d) => a * BigInt(d), BigInt(itemSize(dtype)));
    fail(`tensor "${name}" of shape [${shape.join(', ')}] and dtype ${st} needs ${need} bytes, its data_offsets [${begin}, ${end}] give ${end - begin}`);
  }
  if (end > dataLen) fail(`tensor "${name}" ends at data offset ${end} (file offset ${dataStart + end}), but the file ends at offset ${dataStart + dataLen} (truncated?)`);
  return { name, dtype, shape: shape as number[], begin, end };
}

/** The tensors must cover the data section exactly, without gaps or overlaps. */
function checkCoverage(entries: TensorEntry[], dataLen: number, dataStart: number, fail: (msg: string) => never): void {
  const spans = [...entries].sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  for (const { begin, end, name } of spans) {
    if (begin !== at) fail(`tensor "${name}" starts at data offset ${begin}, expected ${at} (tensors must cover the data without gaps or overlaps)`);
    at = end;
  }
  if (at !== dataLen) fail(`the tensors cover ${at} bytes of data but ${dataLen} follow the header at offset ${dataStart}`);
}
