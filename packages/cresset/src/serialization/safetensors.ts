/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N
 * bytes of JSON ({ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": {...} }),
 * then the tensors' raw little-endian bytes, back to back. Files written here load in PyTorch with
 * safetensors.torch.load_file; any file that breaks the format is a FormatError naming the file.
 */
import { Tensor } from '@cresset/autograd';
import { DType, FormatError, NDArray, ValueError } from '@cresset/tensor';
import { parseHeader, TensorEntry } from './safetensors_header';

/** safetensors dtype names by cresset dtype. */
const TO_ST: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', int64: 'I64', uint8: 'U8', bool: 'BOOL' };

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
  const header: Record<string, unknown> = Object.create(null); // a tensor may be named "__proto__"
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  const blobs: Uint8Array[] = [];
  let at = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === '__metadata__') throw new ValueError('torch.save: a tensor cannot be named "__metadata__", the name safetensors keeps for the metadata');
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

/** One tensor's values from its bytes in the file (int64 checked against the 2^53 cresset holds exactly, bool against 0 and 1). */
function decodeTensor(bytes: Uint8Array, at: number, e: TensorEntry, fail: (msg: string) => never): Tensor {
  const arr = NDArray.empty(e.shape, e.dtype, 'safetensors');
  const raw = bytes.subarray(at + e.begin, at + e.end);
  if (e.dtype === 'int64') {
    const src = new BigInt64Array(raw.slice().buffer);
    for (let i = 0; i < src.length; i++) {
      if (src[i] > 9007199254740992n || src[i] < -9007199254740992n) fail(`tensor "${e.name}" element ${i} (${src[i]}) is beyond the 2^53 that cresset's int64 holds exactly`);
      arr.data[i] = Number(src[i]);
    }
  } else {
    new Uint8Array(arr.data.buffer, arr.data.byteOffset, arr.data.byteLength).set(raw);
    if (e.dtype === 'bool') {
      const bad = raw.findIndex((v) => v > 1);
      if (bad >= 0) fail(`tensor "${e.name}" element ${bad} (byte ${raw[bad]} at file offset ${at + e.begin + bad}) is not a bool (0 or 1)`);
    }
  }
  return new Tensor(arr);
}

/**
 * Decodes the bytes of a .safetensors file; `file` names it in errors. The header is checked
 * whole before any tensor is allocated; tensors and metadata come back in null-prototype objects,
 * so any name the file holds (even "__proto__") is an ordinary key.
 */
export function decodeSafetensors(bytes: Uint8Array, file: string): SafetensorsContent {
  const fail = (msg: string): never => {
    throw new FormatError(`${file}: not a valid safetensors file: ${msg}`);
  };
  const { dataStart, entries, metadata } = parseHeader(bytes, fail);
  const tensors: Record<string, Tensor> = Object.create(null);
  for (const e of entries) tensors[e.name] = decodeTensor(bytes, dataStart, e, fail);
  return { tensors, metadata };
}
