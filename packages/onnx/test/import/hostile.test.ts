/**
 * ONNX files that lie: initializer dims that are negative or promise more values than the file
 * holds, windows with zero strides, messages nested without end, an initializer named __proto__.
 * Each is a FormatError naming the file, the tensor or node, and what is wrong.
 */
import { Tensor, tensor } from '@cresset/autograd';
import { FormatError, NDArray } from '@cresset/tensor';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { load, loadInitializers } from '../../src/import/load';
import { decodeModel, encodeModel, writeModel } from '../../src/schema/codec';
import { tensorToProto } from '../../src/schema/tensor_proto';
import type { GraphProto, TensorProto } from '../../src/schema/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function modelFile(name: string, graph: GraphProto): string {
  const file = path.join(dir, `${name}.onnx`);
  writeModel({ irVersion: 8, opsetImport: [{ domain: '', version: 17 }], graph: { name, ...graph } }, file);
  return file;
}
const weights = (values: number[], shape: number[]) => tensorToProto(new NDArray(Float32Array.from(values), 'float32', shape), 'w');

describe('initializers whose dims do not fit their data', () => {
  test.each([
    ['negative dims', [6, 3, 5, -5], "dims [6, 3, 5, -5] are not all integers >= 0"],
    ['dims promising 4.8e13 values', [120, 400, 1e9], 'holds 6 values but its dims [120, 400, 1000000000] need 48000000000000'],
  ])('%s', (_n, dims, msg) => {
    const tp: TensorProto = { ...weights([1, 2, 3, 4, 5, 6], [6]), dims };
    const file = modelFile(`dims-${dims.join('_')}`, { node: [], input: [], output: [{ name: 'w' }], initializer: [tp] });
    expect(() => load(file)).toThrow(FormatError);
    expect(() => load(file)).toThrow(`onnx.load('${file}'): initializer 'w': ${msg}`);
    expect(() => loadInitializers(file)).toThrow(`onnx.loadInitializers('${file}'): initializer 'w': ${msg}`);
  });
  test('a uint8 initializer holding 300 in int32_data', () => {
    const tp: TensorProto = { name: 'w', dims: [2], dataType: 2, int32Data: [7, 300] };
    const file = modelFile('u8', { node: [], input: [], output: [{ name: 'w' }], initializer: [tp] });
    expect(() => loadInitializers(file)).toThrow(`onnx.loadInitializers('${file}'): initializer 'w': value 1 (300) is not a uint8`);
  });
  test('raw_data that is not a whole number of values', () => {
    const tp: TensorProto = { name: 'w', dims: [2], dataType: 1, rawData: new Uint8Array(7) };
    const file = modelFile('raw7', { node: [], input: [], output: [{ name: 'w' }], initializer: [tp] });
    expect(() => load(file)).toThrow(`initializer 'w': raw_data of 7 bytes is not a whole number of 4-byte float32 values`);
  });
});

test.each([
  ['strides', [{ name: 'strides', type: 7, ints: [0, 0] }], "attribute 'strides' is [0, 0], expected 2 integers >= 1"],
  ['dilations', [{ name: 'dilations', type: 7, ints: [1, -1] }], "attribute 'dilations' is [1, -1], expected 2 integers >= 1"],
  ['pads', [{ name: 'pads', type: 7, ints: [0, 0, -3, 0] }], "attribute 'pads' is [0, 0, -3, 0], expected 4 integers >= 0"],
])('Conv with bad %s is a FormatError naming the node', (_n, attribute, msg) => {
  const file = modelFile(`conv-${_n}`, {
    node: [{ name: 'c1', opType: 'Conv', input: ['x', 'w'], output: ['y'], attribute }],
    input: [{ name: 'x' }], output: [{ name: 'y' }], initializer: [weights([1, 1, 1, 1], [1, 1, 2, 2])],
  });
  const m = load(file);
  const x = new Tensor(new NDArray(new Float32Array(16).fill(1), 'float32', [1, 1, 4, 4]));
  expect(() => m.forward(x)).toThrow(FormatError);
  expect(() => m.forward(x)).toThrow(`onnx.load('${file}'): onnx node 'c1' (Conv, opset 17): ${msg}`);
});

test('messages nested 100,000 deep are a FormatError, found without recursion', () => {
  // AttributeProto.g (field 6) -> GraphProto.node (1) -> NodeProto.attribute (5) -> ..., built from the inside out
  const heads: Buffer[] = [];
  let len = 0;
  const field = (no: number) => {
    const h: number[] = [(no << 3) | 2];
    for (let v = len; ; v = Math.floor(v / 128)) {
      if (v < 128) { h.push(v); break; }
      h.push((v % 128) | 128);
    }
    heads.push(Buffer.from(h));
    len += h.length;
  };
  const outsideIn = [7, ...Array.from({ length: 100000 }, (_, k) => [1, 5, 6][k % 3])]; // 7: ModelProto.graph
  for (let k = outsideIn.length - 1; k >= 0; k--) field(outsideIn[k]);
  const body = Buffer.concat(heads.reverse());
  const bytes = Buffer.concat([encodeModel({ irVersion: 8 }), body]);
  expect(() => decodeModel(bytes, 'deep.onnx')).toThrow(FormatError);
  expect(() => decodeModel(bytes, 'deep.onnx')).toThrow(/^deep\.onnx: messages nest deeper than 100 levels \(at byte \d+, in a \w+\)$/);
});

test('an initializer named __proto__ is an ordinary key of loadInitializers', () => {
  const file = modelFile('proto', { node: [], input: [], output: [{ name: '__proto__' }], initializer: [{ ...weights([7], [1]), name: '__proto__' }] });
  const sd = loadInitializers(file);
  expect(Object.getPrototypeOf(sd)).toBeNull();
  expect(Object.keys(sd)).toEqual(['__proto__']);
  expect(sd['__proto__'].toArray()).toEqual([7]);
  expect((load(file).forward() as Tensor).toArray()).toEqual(tensor([7]).toArray());
});

test('a node with more inputs than its op takes is refused at load', () => {
  const file = modelFile('relu3', { node: [{ name: 'r', opType: 'Relu', input: ['x', 'w', 'w'], output: ['y'] }], input: [{ name: 'x' }], output: [{ name: 'y' }], initializer: [weights([1], [1])] });
  expect(() => load(file)).toThrow(FormatError);
  expect(() => load(file)).toThrow(`onnx.load('${file}'): onnx node 'r' (Relu, opset 17): has 3 inputs, but Relu takes at most 1`);
});

test('a graph output whose computed shape is not its declared one is a ShapeError', () => {
  const declared = { name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 2 }] } } } };
  const graph = (b: string) => ({ node: [{ name: 'g', opType: 'Gemm', input: ['x', b], output: ['y'] }], input: [{ name: 'x' }], output: [declared], initializer: [{ ...weights([1, 2, 3, 4], [2, 2]), name: 'w' }, { ...weights([1, 2], [1, 2]), name: 'v' }] });
  const x = new Tensor(new NDArray(Float32Array.from([1, 1]), 'float32', [1, 2]));
  expect((load(modelFile('gemm-ok', graph('w'))).forward(x) as Tensor).toArray()).toEqual([[4, 6]]);
  const file = modelFile('gemm-bad', graph('v'));
  expect(() => load(file).forward(x)).toThrow(`onnx.load('${file}'): onnx node 'g' (Gemm, opset 17): `);
  const wide = new Tensor(new NDArray(Float32Array.from([1, 1, 1, 1]), 'float32', [2, 2]));
  expect(() => load(modelFile('gemm-wide', graph('w'))).forward(wide)).toThrow(`graph output 0 ('y') is declared of shape [1, 2], but the graph computes [2, 2]`);
});
