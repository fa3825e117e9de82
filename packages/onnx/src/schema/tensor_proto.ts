/**
 * TensorProto <-> NDArray. Export writes raw_data (little-endian, as ONNX specifies); import also
 * reads the typed fields (float_data, int32_data, int64_data, double_data, uint64_data) that older
 * files and ONNX's test data use.
 */
import { DType, DTypeError, FormatError, itemSize, NDArray } from '@cresset/tensor';
import { DataType, TensorProto } from './types';

const TO_DTYPE: Partial<Record<DataType, DType>> = {
  [DataType.FLOAT]: 'float32', [DataType.DOUBLE]: 'float64', [DataType.INT32]: 'int32',
  [DataType.INT64]: 'int64', [DataType.UINT8]: 'uint8', [DataType.BOOL]: 'bool',
};
const TO_DATATYPE: Record<DType, DataType> = {
  float32: DataType.FLOAT, float64: DataType.DOUBLE, int32: DataType.INT32, int64: DataType.INT64, uint8: DataType.UINT8, bool: DataType.BOOL,
};

/** The ONNX element type of a cresset dtype. */
export function onnxDataType(dtype: DType): DataType {
  return TO_DATATYPE[dtype];
}

/** The cresset dtype of an ONNX element type; `what` names the value in the error. */
export function cressetDType(t: number | undefined, what: string): DType {
  const d = TO_DTYPE[(t ?? 0) as DataType];
  if (!d) throw new DTypeError(`${what}: ONNX element type ${DataType[t ?? 0] ?? t} is not supported; cresset has float, double, int32, int64, uint8 and bool`);
  return d;
}

/** The dims as numbers, each an integer >= 0. */
function checkedDims(tp: TensorProto, what: string): number[] {
  const shape = (tp.dims ?? []).map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new FormatError(`${what}: dims [${shape.join(', ')}] are not all integers >= 0`);
  return shape;
}

/** The values a TensorProto holds, counted before anything the dims ask for is allocated. */
function storedValues(tp: TensorProto, dtype: DType, what: string): ArrayLike<number | bigint> {
  if (!(tp.rawData && tp.rawData.length)) {
    return (dtype === 'float32' ? tp.floatData : dtype === 'float64' ? tp.doubleData : dtype === 'int64' ? tp.int64Data : tp.int32Data) ?? [];
  }
  const size = itemSize(dtype);
  if (tp.rawData.length % size !== 0) throw new FormatError(`${what}: raw_data of ${tp.rawData.length} bytes is not a whole number of ${size}-byte ${dtype} values`);
  const raw = new Uint8Array(tp.rawData); // an aligned copy (a Buffer may be a view into a pool)
  const buf = raw.buffer;
  return {
    float32: () => new Float32Array(buf),
    float64: () => new Float64Array(buf),
    int32: () => new Int32Array(buf),
    int64: () => new BigInt64Array(buf),
    uint8: () => raw,
    bool: () => raw,
  }[dtype]();
}

/** Decodes a TensorProto into a contiguous NDArray; its dims must be integers >= 0 whose product is the number of values it holds. */
export function tensorFromProto(tp: TensorProto, what = `tensor '${tp.name ?? ''}'`): NDArray {
  const dtype = cressetDType(tp.dataType, what);
  if (tp.dataLocation === 1 || (tp.externalData && tp.externalData.length)) {
    throw new FormatError(`${what}: data stored outside the model file (external_data) is read only for the initializers of a model read from a file`);
  }
  const shape = checkedDims(tp, what);
  const values = storedValues(tp, dtype, what);
  const n = shape.reduce((a, d) => a * d, 1);
  if (values.length !== n) {
    throw new FormatError(`${what}: holds ${values.length} values but its dims [${shape.join(', ')}] need ${n}`);
  }
  if (dtype === 'uint8' && !(tp.rawData && tp.rawData.length)) {
    const bad = Array.from(values as ArrayLike<number>).findIndex((v) => !(Number(v) >= 0 && Number(v) <= 255 && Number.isInteger(Number(v))));
    if (bad >= 0) throw new FormatError(`${what}: value ${bad} (${values[bad]}) is not a uint8`);
  }
  const out = NDArray.empty(shape, dtype, 'onnx initializer');
  if (dtype === 'bool') for (let i = 0; i < n; i++) out.data[i] = values[i] ? 1 : 0;
  else for (let i = 0; i < n; i++) out.data[i] = Number(values[i]);
  return out;
}

/** Encodes an array as a TensorProto with raw_data. */
export function tensorToProto(a: NDArray, name: string): TensorProto {
  const v = a.contiguous().values();
  let raw: Uint8Array;
  if (a.dtype === 'int64') {
    const b = new BigInt64Array(v.length);
    for (let i = 0; i < v.length; i++) b[i] = BigInt(v[i]);
    raw = new Uint8Array(b.buffer);
  } else {
    const copy = v.slice();
    raw = new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
  }
  return { name, dims: [...a.shape], dataType: onnxDataType(a.dtype), rawData: raw };
}
