/**
 * The ONNX schema: messages encode to the bytes the reference implementation (Python onnx 1.12,
 * proto2) writes, tensors round-trip in every dtype, and the typed data fields of older files read.
 */
import { NDArray } from '@cresset/tensor';
import { decodeModel, encodeModel } from '../../src/schema/codec';
import { ModelProtoType, TensorProtoType } from '../../src/schema/descriptor';
import { tensorFromProto, tensorToProto } from '../../src/schema/tensor_proto';
import { DataType } from '../../src/schema/types';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encoding as onnx.proto', () => {
  // expected bytes: SerializeToString() of the same messages built with Python onnx 1.12
  test.each([
    ['TensorProto dims, data_type, float_data, name', TensorProtoType, { dims: [2, 3], dataType: 1, name: 'w', floatData: [1] }, '08020803100122040000803f420177'],
    ['ModelProto ir_version, producer, opset_import', ModelProtoType, { irVersion: 8, producerName: 'cresset', opsetImport: [{ domain: '', version: 17 }] }, '080812076372657373657442040a001011'],
    ['ModelProto with a graph of one node with an ints attribute', ModelProtoType,
      { irVersion: 7, graph: { name: 'g', node: [{ input: ['x'], output: ['y'], opType: 'Transpose', attribute: [{ name: 'perm', type: 7, ints: [1, 0] }] }] } },
      '08073a250a200a017812017922095472616e73706f73652a0d0a047065726d40014000a00107120167'],
  ])('%s', (_, type, message, expected) => {
    expect(hex(type.encode(type.fromObject(message)).finish())).toBe(expected);
  });
});

describe('tensors', () => {
  test.each([
    ['float32', [1.5, -2.25, 3e-8]],
    ['float64', [1 / 3, -1e300, 0]],
    ['int32', [-7, 2147483647, 0]],
    ['int64', [-9007199254740991, 42, 0]],
    ['uint8', [0, 255, 7]],
    ['bool', [1, 0, 1]],
  ] as const)('%s round-trips through raw_data', (dtype, values) => {
    const a = NDArray.empty([3, 1], dtype);
    values.forEach((v, i) => (a.data[i] = v));
    const back = tensorFromProto(TensorProtoType.toObject(TensorProtoType.decode(TensorProtoType.encode(tensorToProto(a, 't')).finish()), { longs: Number }));
    expect([back.dtype, back.shape, Array.from(back.values(), Number)]).toEqual([dtype, [3, 1], Array.from(a.values(), Number)]);
  });

  test('the typed fields of older files read', () => {
    expect(Array.from(tensorFromProto({ dims: [2], dataType: DataType.FLOAT, floatData: [0.5, 2] }).values())).toEqual([0.5, 2]);
    expect(Array.from(tensorFromProto({ dims: [2], dataType: DataType.INT64, int64Data: [-3, 5] }).values())).toEqual([-3, 5]);
    expect(Array.from(tensorFromProto({ dims: [], dataType: DataType.DOUBLE, doubleData: [0.1] }).values())).toEqual([0.1]);
    expect(Array.from(tensorFromProto({ dims: [3], dataType: DataType.BOOL, int32Data: [1, 0, 1] }).values())).toEqual([1, 0, 1]);
  });

  test('a tensor whose values do not fit its dims, or of a dtype cresset lacks, is refused', () => {
    expect(() => tensorFromProto({ name: 'w', dims: [2, 2], dataType: DataType.FLOAT, floatData: [1, 2, 3] })).toThrow("tensor 'w': holds 3 values but its dims [2, 2] need 4");
    expect(() => tensorFromProto({ name: 'h', dims: [1], dataType: DataType.FLOAT16, int32Data: [0] })).toThrow("tensor 'h': ONNX element type FLOAT16 is not supported");
    expect(() => tensorFromProto({ name: 'e', dims: [1], dataType: DataType.FLOAT, dataLocation: 1 })).toThrow("tensor 'e': data stored outside the model file (external_data) is read only for the initializers of a model read from a file");
  });
});

describe('models', () => {
  test('IR versions 3 to 10 load; others and non-ONNX bytes are refused', () => {
    const model = (ir: number) => encodeModel({ irVersion: ir, graph: { name: 'g' }, opsetImport: [{ version: 13 }] });
    expect(decodeModel(model(3)).irVersion).toBe(3);
    expect(decodeModel(model(10)).irVersion).toBe(10);
    expect(() => decodeModel(model(2), 'm.onnx')).toThrow('m.onnx: IR version 2 is not supported; expected 3 to 10');
    expect(() => decodeModel(model(11), 'm.onnx')).toThrow('m.onnx: IR version 11 is not supported');
    expect(() => decodeModel(new Uint8Array([0xff, 0xff, 0xff, 0x01]), 'junk.onnx')).toThrow(/junk\.onnx: not a valid ONNX ModelProto/);
    expect(() => decodeModel(encodeModel({ irVersion: 8 }), 'empty.onnx')).toThrow('empty.onnx: the model has no graph');
  });
});

describe('encoding', () => {
  test('a model encodes to the bytes protobufjs gives it whole, but for the order of fields, and decodes to the same model', () => {
    const raw = Uint8Array.from({ length: 4000 }, (_, i) => i % 251);
    const model = {
      irVersion: 8, producerName: 'cresset', opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'g', node: [{ opType: 'Add', input: ['a', 'w'], output: ['y'] }],
        initializer: [{ name: 'w', dims: [1000], dataType: 1, rawData: raw }, { name: 'k', dims: [2], dataType: 7, int64Data: [3, 4] }],
        input: [{ name: 'a' }], output: [{ name: 'y' }],
      },
    };
    const bytes = encodeModel(model);
    const whole = ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
    expect(bytes.length).toBe(whole.length);
    const back = decodeModel(bytes, 'm.onnx');
    expect(Array.from(back.graph!.initializer![0].rawData!)).toEqual(Array.from(raw));
    expect(back.graph!.initializer!.map((t) => t.name)).toEqual(['w', 'k']);
    expect(back.graph!.initializer![1].int64Data).toEqual([3, 4]);
    expect(back.graph!.node![0].input).toEqual(['a', 'w']);
    expect(back.producerName).toBe('cresset');
  });
});
