/**
 * ONNX's external data: a TensorProto with data_location EXTERNAL keeps its bytes in another file,
 * named by external_data's 'location' (relative to the model file's directory), at 'offset' for
 * 'length' bytes (default: to the end). Resolved at read time into raw_data. As ONNX's checker
 * requires, a location must stay inside the model's directory (no absolute path, no '..').
 */
import { FormatError, readFileWithinLimit } from '@cresset/tensor';
import * as path from 'path';
import type { ModelProto, TensorProto } from './types';

const EXTERNAL = 1;

function entries(tp: TensorProto): Map<string, string> {
  return new Map((tp.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
}

/** A non-negative integer entry, or the default. */
function intEntry(fields: Map<string, string>, key: string, what: string): number | undefined {
  const v = fields.get(key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new FormatError(`${what}: external_data '${key}' is '${v}', expected an integer >= 0`);
  return n;
}

/** Reads every initializer of the model stored as external data into its raw_data. */
export function resolveExternalData(model: ModelProto, modelPath: string, what: string): void {
  const dir = path.dirname(path.resolve(modelPath));
  const files = new Map<string, Buffer>();
  for (const tp of model.graph?.initializer ?? []) {
    if (tp.dataLocation !== EXTERNAL) continue;
    const where = `${what}: initializer '${tp.name ?? ''}'`;
    const fields = entries(tp);
    const location = fields.get('location');
    if (!location) throw new FormatError(`${where}: external data without a 'location'`);
    const file = path.resolve(dir, location);
    if (path.isAbsolute(location) || location.split(/[\\/]/).includes('..') || !file.startsWith(dir + path.sep)) {
      throw new FormatError(`${where}: external data location '${location}' is outside the model's directory`);
    }
    if (!files.has(file)) files.set(file, readFileWithinLimit(file, what));
    const bytes = files.get(file)!;
    const offset = intEntry(fields, 'offset', where) ?? 0;
    const length = intEntry(fields, 'length', where) ?? bytes.length - offset;
    if (offset + length > bytes.length) {
      throw new FormatError(`${where}: external data at offset ${offset} of length ${length} runs past the end of '${location}' (${bytes.length} bytes)`);
    }
    tp.rawData = bytes.subarray(offset, offset + length);
    tp.dataLocation = 0;
    tp.externalData = [];
  }
}
