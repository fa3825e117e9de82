/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N
 * bytes of JSON ({ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": {...} }),
 * then the tensors' raw little-endian bytes, back to back. Files written here load in PyTorch with
 * safetensors.torch.load_file; any file that breaks the format is a FormatError naming the file.
 */
import { Tensor } from '@cresset/autograd';
import { DType, FormatError, NDArray } from '@cresset/tensor';

/** cresset dtypes by safetensors dtype name, and back. */
const FROM_ST: Record<string, DType> = { F32: 'float32', F64: 'float64', I32: 'int32', I64: 'int64', U8: 'uint8', BOOL: 'bool' };
const TO_ST: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', int64: 'I64', uint8: 'U8', bool: 'BOOL' };
const SIZE: Record<DType, number> = { float32: 4, float64: 8, int32: 4, int64: 8, uint8: 1, bool: 1 };

export interface SafetensorsContent {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** The little-endian bytes of a tensor (int64 is held as float64 in cresset, written as true int64). */
function tensorBytes(t: Tensor): Uint8Array {
  const data = t.array.values();
  if (t.dtype === 'int64') {
    const out = new BigInt64Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = BigInt(data[i]);
    return new Uint8Array(out.buffer);
  }
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}

/** Encodes tensors (keys in the given order) and string metadata into the bytes of a .safetensors file. */
export function encodeSafetensors(tensors: Record<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  const blobs: Uint8Array[] = [];
  let at = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = tensorBytes(t);
    header[name] = { dtype: TO_ST[t.dtype], shape: [...t.shape], data_offsets: [at, at + bytes.length] };
    blobs.push(bytes);
    at += bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8); // the reference writer aligns the data to 8 bytes
  const head = Buffer.from(json);
  const out = new Uint8Array(8 + head.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let off = 8 + head.length;
  for (const b of blobs) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

/** Decodes the bytes of a .safetensors file; `file` names it in errors. */
export function decodeSafetensors(bytes: Uint8Array, file: string): SafetensorsContent {
  const fail = (msg: string): never => {
    throw new FormatError(`${file}: not a valid safetensors file: ${msg}`);
  };
  if (bytes.length < 8) fail(`${bytes.length} bytes is too short for the 8-byte header length at offset 0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(bytes.length - 8)) fail(`the header length at offset 0 says ${n} bytes, but only ${bytes.length - 8} follow offset 8 (truncated?)`);
  const headerEnd = 8 + Number(n);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, Number(n)).toString('utf8'));
  } catch (e) {
    return fail(`the JSON header at offset 8 does not parse (${(e as Error).message})`);
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) fail('the header at offset 8 is not a JSON object');
  const dataLen = bytes.length - headerEnd;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype: st, shape, data_offsets: offs } = (info ?? {}) as { dtype?: string; shape?: number[]; data_offsets?: number[] };
    const dtype = FROM_ST[st ?? ''];
    if (!dtype) fail(`tensor "${name}" has dtype ${String(st)}; cresset reads ${Object.keys(FROM_ST).join(', ')}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) fail(`tensor "${name}" has no valid shape`);
    if (!Array.isArray(offs) || offs.length !== 2 || !(offs[0] <= offs[1])) fail(`tensor "${name}" has no valid data_offsets`);
    const [b, e] = offs as [number, number];
    const numel = shape!.reduce((a, d) => a * d, 1);
    if (e - b !== numel * SIZE[dtype]) fail(`tensor "${name}" of shape [${shape!.join(', ')}] and dtype ${st} needs ${numel * SIZE[dtype]} bytes, its data_offsets [${b}, ${e}] give ${e - b}`);
    if (e > dataLen) fail(`tensor "${name}" ends at data offset ${e} (file offset ${headerEnd + e}), but the file ends at offset ${bytes.length} (truncated?)`);
    spans.push([b, e, name]);
    const raw = bytes.slice(headerEnd + b, headerEnd + e);
    const arr = NDArray.empty(shape!, dtype);
    if (dtype === 'int64') {
      const src = new BigInt64Array(raw.buffer, 0, numel);
      for (let i = 0; i < numel; i++) {
        if (src[i] > 9007199254740992n || src[i] < -9007199254740992n) fail(`tensor "${name}" element ${i} (${src[i]}) is beyond the 2^53 that cresset's int64 holds exactly`);
        arr.data[i] = Number(src[i]);
      }
    } else arr.data.set(new (arr.data.constructor as new (b: ArrayBuffer, o: number, n: number) => typeof arr.data)(raw.buffer, 0, numel));
    tensors[name] = new Tensor(arr);
  }
  spans.sort((x, y) => x[0] - y[0]);
  let at = 0;
  for (const [b, e, name] of spans) {
    if (b !== at) fail(`tensor "${name}" starts at data offset ${b}, expected ${at} (tensors must cover the data without gaps or overlaps)`);
    at = e;
  }
  if (at !== dataLen) fail(`the tensors cover ${at} bytes of data but ${dataLen} follow the header at offset ${headerEnd}`);
  return { tensors, metadata };
}
