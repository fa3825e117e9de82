/**
 * The ONNX protobuf messages that export and import use, described for protobufjs as a reflection
 * descriptor, with the field numbers of the ONNX specification (onnx/onnx.proto, IR versions 3 to 10).
 * Fields the codec never reads (training info, functions, sparse tensors, quantization annotations)
 * are left out: protobuf decoders skip unknown fields, so files that carry them still load.
 */
import * as protobuf from 'protobufjs';

const f = (id: number, type: string, rule?: 'repeated', packed?: boolean) => ({
  id, type, ...(rule ? { rule } : {}), ...(packed !== undefined ? { options: { packed } } : {}),
});
const rep = (id: number, type: string) => f(id, type, 'repeated');
/** Repeated numbers: packed where onnx.proto says [packed = true], else one tag per value (proto2's default). */
const packed = (id: number, type: string) => f(id, type, 'repeated', true);
const unpacked = (id: number, type: string) => f(id, type, 'repeated', false);

/** The descriptor in protobufjs's JSON form (package onnx, proto2 as onnx.proto). */
export const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          fields: {
            name: f(1, 'string'), refAttrName: f(21, 'string'), docString: f(13, 'string'),
            type: f(20, 'AttributeType'),
            f: f(2, 'float'), i: f(3, 'int64'), s: f(4, 'bytes'), t: f(5, 'TensorProto'), g: f(6, 'GraphProto'),
            tp: f(14, 'TypeProto'),
            floats: unpacked(7, 'float'), ints: unpacked(8, 'int64'), strings: rep(9, 'bytes'),
            tensors: rep(10, 'TensorProto'), graphs: rep(11, 'GraphProto'), typeProtos: rep(15, 'TypeProto'),
          },
          nested: {
            AttributeType: {
              values: {
                UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, SPARSE_TENSOR: 11, TYPE_PROTO: 13,
                FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10, SPARSE_TENSORS: 12, TYPE_PROTOS: 14,
              },
            },
          },
        },
        ValueInfoProto: { fields: { name: f(1, 'string'), type: f(2, 'TypeProto'), docString: f(3, 'string') } },
        NodeProto: {
          fields: {
            input: rep(1, 'string'), output: rep(2, 'string'), name: f(3, 'string'), opType: f(4, 'string'),
            domain: f(7, 'string'), attribute: rep(5, 'AttributeProto'), docString: f(6, 'string'),
          },
        },
        StringStringEntryProto: { fields: { key: f(1, 'string'), value: f(2, 'string') } },
        OperatorSetIdProto: { fields: { domain: f(1, 'string'), version: f(2, 'int64') } },
        ModelProto: {
          fields: {
            irVersion: f(1, 'int64'), opsetImport: rep(8, 'OperatorSetIdProto'), producerName: f(2, 'string'),
            producerVersion: f(3, 'string'), domain: f(4, 'string'), modelVersion: f(5, 'int64'),
            docString: f(6, 'string'), graph: f(7, 'GraphProto'), metadataProps: rep(14, 'StringStringEntryProto'),
          },
        },
        GraphProto: {
          fields: {
            node: rep(1, 'NodeProto'), name: f(2, 'string'), initializer: rep(5, 'TensorProto'),
            docString: f(10, 'string'), input: rep(11, 'ValueInfoProto'), output: rep(12, 'ValueInfoProto'),
            valueInfo: rep(13, 'ValueInfoProto'),
          },
        },
        TensorProto: {
          fields: {
            dims: unpacked(1, 'int64'), dataType: f(2, 'int32'), segment: f(3, 'Segment'),
            floatData: packed(4, 'float'), int32Data: packed(5, 'int32'), stringData: rep(6, 'bytes'),
            int64Data: packed(7, 'int64'), name: f(8, 'string'), docString: f(12, 'string'), rawData: f(9, 'bytes'),
            externalData: rep(13, 'StringStringEntryProto'), dataLocation: f(14, 'DataLocation'),
            doubleData: packed(10, 'double'), uint64Data: packed(11, 'uint64'),
          },
          nested: {
            DataType: {
              values: {
                UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
                FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
              },
            },
            Segment: { fields: { begin: f(1, 'int64'), end: f(2, 'int64') } },
            DataLocation: { values: { DEFAULT: 0, EXTERNAL: 1 } },
          },
        },
        TensorShapeProto: {
          fields: { dim: rep(1, 'Dimension') },
          nested: {
            Dimension: {
              oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
              fields: { dimValue: f(1, 'int64'), dimParam: f(2, 'string'), denotation: f(3, 'string') },
            },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType', 'sequenceType', 'mapType', 'optionalType', 'sparseTensorType'] } },
          fields: {
            tensorType: f(1, 'Tensor'), sequenceType: f(4, 'Sequence'), mapType: f(5, 'Map'),
            optionalType: f(9, 'Optional'), sparseTensorType: f(8, 'SparseTensor'), denotation: f(6, 'string'),
          },
          nested: {
            Tensor: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } },
            Sequence: { fields: { elemType: f(1, 'TypeProto') } },
            Map: { fields: { keyType: f(1, 'int32'), valueType: f(2, 'TypeProto') } },
            Optional: { fields: { elemType: f(1, 'TypeProto') } },
            SparseTensor: { fields: { elemType: f(1, 'int32'), shape: f(2, 'TensorShapeProto') } },
          },
        },
      },
    },
  },
};

/** Marks every message and enum as proto2 (explicit presence: a field set to its default is still written). */
function proto2<T>(node: T): T {
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ('fields' in o || 'values' in o) o.edition = 'proto2';
    Object.values(o.nested ?? {}).forEach(proto2);
  }
  return node;
}

/** The resolved protobufjs root of the descriptor. */
export const onnxRoot = protobuf.Root.fromJSON(proto2(ONNX_DESCRIPTOR));
export const ModelProtoType = onnxRoot.lookupType('onnx.ModelProto');
export const TensorProtoType = onnxRoot.lookupType('onnx.TensorProto');
export const GraphProtoType = onnxRoot.lookupType('onnx.GraphProto');
