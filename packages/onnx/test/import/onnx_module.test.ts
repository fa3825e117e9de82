/**
 * torch.onnx.load on small hand-built graphs: weights become parameters under their dotted names
 * (gradients flow to them), and malformed or unsupported graphs fail naming node, op and opset.
 */
import { Tensor, tensor } from '@cresset/autograd';
import { FormatError, NDArray, ShapeError } from '@cresset/tensor';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UnsupportedOperatorError } from '../../src/errors';
import { load, loadInitializers } from '../../src/import/load';
import { writeModel } from '../../src/schema/codec';
import { tensorToProto } from '../../src/schema/tensor_proto';
import type { GraphProto, NodeProto } from '../../src/schema/types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-import-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const floatInput = (name: string, dims: number[]) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const arr = (values: number[], shape: number[]) => new NDArray(Float32Array.from(values), 'float32', shape);

/** Writes a model of one graph at the given opset and returns its path. */
function modelFile(name: string, graph: GraphProto, opset = 17): string {
  const file = path.join(dir, `${name}.onnx`);
  writeModel({ irVersion: 8, opsetImport: [{ domain: '', version: opset }], graph: { name, ...graph } }, file);
  return file;
}

const gemmGraph = (nodes: NodeProto[]): GraphProto => ({
  node: nodes,
  input: [floatInput('x', [2, 3])],
  output: [{ name: 'y' }],
  initializer: [tensorToProto(arr([1, 2, 3, 4, 5, 6], [2, 3]), 'fc.weight'), tensorToProto(arr([0.5, -0.5], [2]), 'fc.bias')],
});

test('initializers become parameters under their dotted names, and gradients reach them', () => {
  const file = modelFile('gemm', gemmGraph([{ name: 'fc', opType: 'Gemm', input: ['x', 'fc.weight', 'fc.bias'], output: ['y'], attribute: [{ name: 'transB', type: 2, i: 1 }] }]));
  const m = load(file);
  expect(m.namedParameters().map(([k]) => k)).toEqual(['fc.weight', 'fc.bias']);
  const x = tensor([[1, 0, 0], [0, 1, 1]]);
  const y = m.forward(x) as Tensor;
  // y = x W^T + b: rows [1, 4] + b and [2 + 3, 5 + 6] + b
  expect(y.toArray()).toEqual([[1.5, 3.5], [5.5, 10.5]]);
  y.sum().backward();
  // d sum / dW[j] = sum over rows of x = [1, 1, 1] for each output j; d sum / db = [2, 2]
  const params = Object.fromEntries(m.namedParameters());
  expect(params['fc.weight'].grad!.toArray()).toEqual([[1, 1, 1], [1, 1, 1]]);
  expect(params['fc.bias'].grad!.toArray()).toEqual([2, 2]);
  expect(Object.keys(loadInitializers(file))).toEqual(['fc.weight', 'fc.bias']);
});

test('an op import does not run is named with its node, op type and opset at load time', () => {
  const file = modelFile('tan', gemmGraph([{ name: 'my_tan', opType: 'Tan', input: ['x'], output: ['y'] }]), 13);
  expect(() => load(file)).toThrow(UnsupportedOperatorError);
  expect(() => load(file)).toThrow(`onnx.load('${file}'): onnx node 'my_tan' (Tan, opset 13): the op Tan is not supported`);
});

test('an op of another domain and an opset newer than import knows are refused', () => {
  const custom = modelFile('custom', gemmGraph([{ name: 'n', opType: 'Relu', domain: 'com.example', input: ['x'], output: ['y'] }]));
  expect(() => load(custom)).toThrow("onnx node 'n' (Relu, opset 17): ops of domain 'com.example' are not supported");
  const future = modelFile('future', gemmGraph([{ name: 'r', opType: 'Relu', input: ['x'], output: ['y'] }]), 22);
  expect(() => load(future)).toThrow("onnx node 'r' (Relu, opset 22): opset 22 is not supported; expected 1 to 21");
});

test('unsupported settings of a supported op name the node', () => {
  const graph = gemmGraph([{ name: 'p', opType: 'Pad', input: ['x', 'pads'], output: ['y'], attribute: [{ name: 'mode', type: 3, s: new TextEncoder().encode('mirror') }] }]);
  graph.initializer!.push(tensorToProto(new NDArray(new Float64Array(4), 'int64', [4]), 'pads'));
  const m = load(modelFile('pad', graph));
  expect(() => m.forward(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow("onnx node 'p' (Pad, opset 17): mode 'mirror' is not supported");
});

test('a node reading an undefined value, a wrong input shape and a missing file fail clearly', () => {
  const dangling = modelFile('dangling', gemmGraph([{ name: 'r', opType: 'Relu', input: ['nowhere'], output: ['y'] }]));
  expect(() => load(dangling).forward(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow(FormatError);
  expect(() => load(dangling).forward(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow("onnx node 'r' (Relu, opset 17) reads 'nowhere', which no input, initializer or earlier node defines");
  const relu = modelFile('relu', gemmGraph([{ name: 'r', opType: 'Relu', input: ['x'], output: ['y'] }]));
  expect(() => load(relu).forward(tensor([1, 2, 3]))).toThrow(ShapeError);
  expect(() => load(relu).forward(tensor([1, 2, 3]))).toThrow("input 0 ('x') expects shape [2, 3], got [3]");
  expect(() => load(path.join(dir, 'absent.onnx'))).toThrow(/onnx\.load: cannot read '.*absent\.onnx'/);
  fs.writeFileSync(path.join(dir, 'junk.onnx'), 'not a model');
  expect(() => load(path.join(dir, 'junk.onnx'))).toThrow(FormatError);
});
