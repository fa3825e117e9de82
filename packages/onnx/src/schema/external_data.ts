/**
 * ONNX's external data: a TensorProto with data_location EXTERNAL keeps its bytes in another file,
 * named by external_data's 'location' (relative to the model file's directory), at 'offset' for
 * 'length' bytes (default: to the end). Resolved at read time into raw_data, one range at a time:
 * the data file may be larger than the decode limit, the ranges one model reads may not. As ONNX's checker
 * requires, a location must stay inside the model's directory (no absolute path, no '..').
 */
import { checkDecodeSize, FormatError, readFileRange, regularFileSize } from '@cresset/tensor';
import * as fs from 'fs';
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

/**
 * Reads every initializer of the model stored as external data into its raw_data. The bytes read
 * for one model, all files together, stay within the decode limit (overlapping ranges count each time).
 */
export function resolveExternalData(model: ModelProto, modelPath: string, what: string): void {
  const dir = path.dirname(path.resolve(modelPath));
  const sizes = new Map<string, number>();
  let total = 0;
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
    if (!sizes.has(file)) sizes.set(file, regularFileSize(file, what));
    const size = sizes.get(file)!;
    const offset = intEntry(fields, 'offset', where) ?? 0;
    const length = intEntry(fields, 'length', where) ?? size - offset;
    if (offset + length > size) {
      throw new FormatError(`${where}: external data at offset ${offset} of length ${length} runs past the end of '${location}' (${size} bytes)`);
    }
    total += length;
    checkDecodeSize(`${what}: the external data of its initializers (up to '${tp.name ?? ''}')`, total);
    tp.rawData = readFileRange(file, where, offset, length);
    tp.dataLocation = 0;
    tp.externalData = [];
  }
}

/** Initializers of fewer bytes stay inline when the others go to external data (onnx.save_model's size_threshold). */
const INLINE_BYTES = 1024;

/**
 * The initializers' bytes above which writeModel stores them as external data: protobuf's 2 GiB
 * message limit, less room for the graph (torch.onnx.export switches at that limit too).
 */
export const EXTERNAL_DATA_THRESHOLD = 2 ** 31 - 2 ** 26;

/** The raw bytes of the model's initializers. */
export function initializerBytes(model: ModelProto): number {
  return (model.graph?.initializer ?? []).reduce((n, tp) => n + (tp.rawData?.length ?? 0), 0);
}

/**
 * Writes the raw bytes of the model's initializers of INLINE_BYTES or more one after another into
 * `<model file name>.data` beside `modelPath`, and returns the model with those initializers
 * pointing there (location, offset, length), as onnx.save_model(save_as_external_data=True,
 * all_tensors_to_one_file=True) stores them. The model given is left as it is.
 */
export function writeExternalData(model: ModelProto, modelPath: string): ModelProto {
  const location = `${path.basename(modelPath)}.data`;
  const fd = fs.openSync(path.join(path.dirname(path.resolve(modelPath)), location), 'w');
  let offset = 0;
  try {
    const initializer = (model.graph?.initializer ?? []).map((tp): TensorProto => {
      const raw = tp.rawData;
      if (!raw || raw.length < INLINE_BYTES) return tp;
      for (let at = 0; at < raw.length;) at += fs.writeSync(fd, raw, at, raw.length - at);
      const entry = { ...tp, rawData: undefined, dataLocation: EXTERNAL, externalData: [
        { key: 'location', value: location }, { key: 'offset', value: String(offset) }, { key: 'length', value: String(raw.length) },
      ] };
      offset += raw.length;
      return entry;
    });
    return { ...model, graph: { ...model.graph, initializer } };
  } finally {
    fs.closeSync(fd);
  }
}
