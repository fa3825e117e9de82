/** Reading and writing ONNX files (ModelProto) and single TensorProto files (the .pb of ONNX's test data). */
import { FormatError, readFileWithinLimit } from '@cresset/tensor';
import * as fs from 'fs';
import type { Type } from 'protobufjs';
import { GraphProtoType, ModelProtoType, TensorProtoType } from './descriptor';
import { EXTERNAL_DATA_THRESHOLD, initializerBytes, resolveExternalData, writeExternalData } from './external_data';
import { checkNesting } from './nesting';
import type { ModelProto, TensorProto } from './types';

/** The IR versions whose models load (ONNX 1.0 with opset imports through ONNX 1.15). */
export const MIN_IR_VERSION = 3;
export const MAX_IR_VERSION = 10;

const TO_OBJECT = { longs: Number, enums: Number, arrays: false, defaults: false } as const;

function decode<T>(type: Type, bytes: Uint8Array, what: string): T {
  checkNesting(type, bytes, what);
  try {
    return type.toObject(type.decode(bytes), TO_OBJECT) as T;
  } catch (e) {
    throw new FormatError(`${what}: not a valid ONNX ${type.name} (${(e as Error).message})`);
  }
}

/** Decodes an ONNX model and checks it has a graph and an IR version this reader knows. */
export function decodeModel(bytes: Uint8Array, what = 'onnx model'): ModelProto {
  const model = decode<ModelProto>(ModelProtoType, bytes, what);
  const ir = model.irVersion ?? 0;
  if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
    throw new FormatError(`${what}: IR version ${ir} is not supported; expected ${MIN_IR_VERSION} to ${MAX_IR_VERSION}`);
  }
  if (!model.graph) throw new FormatError(`${what}: the model has no graph`);
  return model;
}

/** Reads an ONNX file; initializers kept as external data are read from their files beside it. */
export function readModel(path: string, op = 'onnx.load'): ModelProto {
  const what = `${op}('${path}')`;
  const model = decodeModel(readFileWithinLimit(path, op), what);
  resolveExternalData(model, path, what);
  return model;
}

/** Appends v (a non-negative integer) to `out` as a protobuf varint. */
function pushVarint(out: number[], v: number): void {
  do {
    out.push((v % 128) | (v > 0x7f ? 0x80 : 0));
    v = Math.floor(v / 128);
  } while (v > 0);
}

/** A length-delimited field: its tag (field number, wire type 2) and length as varints, before the bytes. */
function fieldHeader(field: number, length: number): Uint8Array {
  const out: number[] = [];
  pushVarint(out, field * 8 + 2);
  pushVarint(out, length);
  return Uint8Array.from(out);
}

const byteLength = (parts: readonly Uint8Array[]) => parts.reduce((n, p) => n + p.length, 0);

/**
 * The model's serialization as a list of byte chunks, in order. protobufjs encodes the model
 * without its initializers' raw bytes, which are spliced in as length-delimited fields (protobuf
 * lets a message's fields come in any order): no chunk holds a copy of the weights, and
 * protobufjs never grows one buffer past 1 GiB, where its doubling overflows and each write
 * copies the whole buffer again.
 */
export function encodeModelParts(model: ModelProto): Uint8Array[] {
  const err = ModelProtoType.verify(model);
  if (err) throw new FormatError(`onnx.export: the model does not fit the ONNX schema (${err})`);
  const encode = (type: Type, v: object) => type.encode(type.fromObject(v)).finish();
  if (!model.graph) return [encode(ModelProtoType, model)];
  const rawField = TensorProtoType.fields.rawData.id;
  const initializers = (model.graph?.initializer ?? []).flatMap((tp) => {
    const raw = tp.rawData;
    const head = encode(TensorProtoType, raw && raw.length ? { ...tp, rawData: undefined } : tp);
    const tensor = raw && raw.length ? [head, fieldHeader(rawField, raw.length), raw] : [head];
    return [fieldHeader(GraphProtoType.fields.initializer.id, byteLength(tensor)), ...tensor];
  });
  const graph = [encode(GraphProtoType, { ...model.graph, initializer: [] }), ...initializers];
  return [encode(ModelProtoType, { ...model, graph: undefined }), fieldHeader(ModelProtoType.fields.graph.id, byteLength(graph)), ...graph];
}

/** The model's serialization in one buffer (see encodeModelParts). */
export function encodeModel(model: ModelProto): Uint8Array {
  const parts = encodeModelParts(model);
  const out = Buffer.allocUnsafe(byteLength(parts));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Writes an ONNX file. The initializers go to external data in `<file>.data` beside it when
 * `externalData` asks, and by default when their bytes pass protobuf's 2 GiB limit.
 */
export function writeModel(model: ModelProto, path: string, externalData = initializerBytes(model) > EXTERNAL_DATA_THRESHOLD): void {
  const parts = encodeModelParts(externalData ? writeExternalData(model, path) : model);
  const fd = fs.openSync(path, 'w');
  try {
    for (const p of parts) for (let at = 0; at < p.length;) at += fs.writeSync(fd, p, at, p.length - at);
  } finally {
    fs.closeSync(fd);
  }
}

/** A TensorProto file, as input_0.pb / output_0.pb of ONNX's conformance data. */
export function readTensorProto(path: string): TensorProto {
  return decode<TensorProto>(TensorProtoType, readFileWithinLimit(path, 'readTensorProto'), `readTensorProto('${path}')`);
}
