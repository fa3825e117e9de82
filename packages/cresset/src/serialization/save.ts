/**
 * torch.save / torch.load for .safetensors files. A flat { name: Tensor } (a state dict) is
 * written as plain safetensors, loadable by safetensors.torch.load_file with the same names. Any
 * other object (a checkpoint: nested records, arrays, numbers, strings, tensors) has its tensors
 * stored under their dotted paths and its structure as JSON in the "cresset" metadata entry.
 */
import { Tensor } from '@cresset/autograd';
import { FormatError, readFileWithinLimit, ValueError } from '@cresset/tensor';
import { writeFileAtomic } from './atomic';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

const TENSOR = '__tensor__';
const NUMBER = '__number__';

function isFlatStateDict(obj: unknown): obj is Record<string, Tensor> {
  return !!obj && typeof obj === 'object' && !Array.isArray(obj) && Object.values(obj).every((v) => v instanceof Tensor);
}

/** How deep a checkpoint's structure may nest: deeper is an error on save and on load. */
export const MAX_DEPTH = 1000;

/** The JSON skeleton of obj, with each tensor replaced by a reference to its key in `tensors`. */
function skeleton(obj: unknown, at: string, tensors: Record<string, Tensor>, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new ValueError(`torch.save: the object nests deeper than ${MAX_DEPTH} levels at "${at}" (a cycle?)`);
  if (obj instanceof Tensor) {
    if (at in tensors) throw new ValueError(`torch.save: two tensors would both be stored as "${at}"`);
    tensors[at] = obj.detach();
    return { [TENSOR]: at };
  }
  if (typeof obj === 'number' && !Number.isFinite(obj)) return { [NUMBER]: String(obj) };
  if (typeof obj === 'bigint') return { [NUMBER]: obj.toString() };
  const join = (k: string | number) => (at ? `${at}.${k}` : String(k));
  if (Array.isArray(obj)) return obj.map((v, i) => skeleton(v, join(i), tensors, depth + 1));
  if (obj && typeof obj === 'object') return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, skeleton(v, join(k), tensors, depth + 1)]));
  if (obj === undefined || typeof obj === 'function' || typeof obj === 'symbol') throw new ValueError(`torch.save: cannot store a ${typeof obj} at "${at}"`);
  return obj;
}

/** A number stored as a string: NaN, Infinity, -Infinity, or a bigint's digits. */
function storedNumber(s: string, file: string): number {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity' || s === '-Infinity' || /^-?\d+$/.test(s)) return Number(s);
  throw new FormatError(`${file}: the structure holds the number "${s}", expected NaN, Infinity, -Infinity or an integer`);
}

/** The structure with tensor references replaced by the tensors; records become null-prototype objects. */
function revive(obj: unknown, tensors: Record<string, Tensor>, file: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new FormatError(`${file}: the "cresset" structure nests deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(obj)) return obj.map((v) => revive(v, tensors, file, depth + 1));
  if (obj && typeof obj === 'object') {
    const o = obj as Record<string, unknown>;
    if (typeof o[TENSOR] === 'string') {
      const t = tensors[o[TENSOR] as string];
      if (!t) throw new FormatError(`${file}: the structure refers to tensor "${o[TENSOR]}", which the file does not hold`);
      return t;
    }
    if (typeof o[NUMBER] === 'string') return storedNumber(o[NUMBER] as string, file);
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(o)) out[k] = revive(v, tensors, file, depth + 1);
    return out;
  }
  return obj;
}

/** torch.save(obj, path): writes obj to a .safetensors file, atomically (a temp file renamed into place). */
export function save(obj: unknown, path: string): void {
  if (isFlatStateDict(obj)) {
    writeFileAtomic(path, encodeSafetensors(obj, { format: 'pt' }));
    return;
  }
  const tensors: Record<string, Tensor> = Object.create(null);
  const structure = JSON.stringify(skeleton(obj, '', tensors));
  writeFileAtomic(path, encodeSafetensors(tensors, { format: 'pt', cresset: structure }));
}

/**
 * torch.load(path): what save wrote (a flat state dict for any plain safetensors file), with
 * null-prototype records. A file over the decode limit is an AllocationError before it is read.
 */
export function load(path: string): any {
  const bytes = readFileWithinLimit(path, 'torch.load');
  const { tensors, metadata } = decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), path);
  if (metadata.cresset === undefined) return tensors;
  let structure: unknown;
  try {
    structure = JSON.parse(metadata.cresset);
  } catch (e) {
    throw new FormatError(`${path}: the "cresset" metadata entry is not JSON (${(e as Error).message})`);
  }
  return revive(structure, tensors, path);
}
