/** Reading and writing ONNX files (ModelProto) and single TensorProto files (the .pb of ONNX's test data). */
import { FormatError, readFileWithinLimit } from '@cresset/tensor';
import * as fs from 'fs';
import type { Type } from 'protobufjs';
import { ModelProtoType, TensorProtoType } from './descriptor';
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

export function encodeModel(model: ModelProto): Uint8Array {
  const err = ModelProtoType.verify(model);
  if (err) throw new FormatError(`onnx.export: the model does not fit the ONNX schema (${err})`);
  return ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
}

/**
 * Writes an ONNX file. The initializers go to external data in `<file>.data` beside it when
 * `externalData` asks, and by default when their bytes pass protobuf's 2 GiB limit.
 */
export function writeModel(model: ModelProto, path: string, externalData = initializerBytes(model) > EXTERNAL_DATA_THRESHOLD): void {
  fs.writeFileSync(path, encodeModel(externalData ? writeExternalData(model, path) : model));
}

/** A TensorProto file, as input_0.pb / output_0.pb of ONNX's conformance data. */
export function readTensorProto(path: string): TensorProto {
  return decode<TensorProto>(TensorProtoType, readFileWithinLimit(path, 'readTensorProto'), `readTensorProto('${path}')`);
}
