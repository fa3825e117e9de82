/**
 * TensorProto <-> NDArray. Export writes raw_data (little-endian, as ONNX specifies); import also
 * reads the typed fields (float_data, int32_data, int64_data, double_data, uint64_data) that older
 * files and ONNX's test data use.
 */
import { DType, DTypeError, FormatError, NDArray } from '@cresset/tensor';
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

/** Decodes a TensorProto into a contiguous NDArray. */
export function tensorFromProto(tp: TensorProto, what = `tensor '${tp.name ?? ''}'`): NDArray {
  const dtype = cressetDType(tp.dataType, what);
  const shape = (tp.dims ?? []).map(Number);
  const out = NDArray.empty(shape, dtype);
  const n = out.size;
  if (tp.dataLocation === 1 || (tp.externalData && tp.externalData.length)) {
    throw new FormatError(`${what}: data stored outside the model file (external_data) is not supported`);
  }
  let values: ArrayLike<number | bigint>;
  if (tp.rawData && tp.rawData.length) {
    const raw = new Uint8Array(tp.rawData); // an aligned copy (a Buffer may be a view into a pool)
    const buf = raw.buffer;
    values = {
      float32: () => new Float32Array(buf, 0, raw.length / 4),
      float64: () => new Float64Array(buf, 0, raw.length / 8),
      int32: () => new Int32Array(buf, 0, raw.length / 4),
      int64: () => new BigInt64Array(buf, 0, raw.length / 8),
      uint8: () => raw,
      bool: () => raw,
    }[dtype]();
  } else {
    values = (dtype === 'float32' ? tp.floatData : dtype === 'float64' ? tp.doubleData : dtype === 'int64' ? tp.int64Data : tp.int32Data) ?? [];
  }
  if (values.length !== n) {
    throw new FormatError(`${what}: holds ${values.length} values but its dims [${shape.join(', ')}] need ${n}`);
  }
  for (let i = 0; i < n; i++) out.data[i] = Number(values[i]);
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
