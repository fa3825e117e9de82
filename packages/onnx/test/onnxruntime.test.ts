/** onnxruntime-node is loaded on first use; without it, the error says how to install it. */
import { MissingDependencyError } from '../src/errors';
import { loadOnnxRuntime } from '../src/onnxruntime';

function notFound(id: string): never {
  const e = new Error(`Cannot find module '${id}'\nRequire stack:\n- verify.js`) as Error & { code: string };
  e.code = 'MODULE_NOT_FOUND';
  throw e;
}

test('a missing onnxruntime-node gives a MissingDependencyError naming the install command', () => {
  expect(() => loadOnnxRuntime('onnx.verify', notFound)).toThrow(MissingDependencyError);
  expect(() => loadOnnxRuntime('onnx.verify', notFound)).toThrow(
    'onnx.verify runs the model in onnxruntime-node, an optional peer dependency of @cresset/onnx that is not installed; ' +
    'install it with `npm install onnxruntime-node` (add `onnxruntime-node-install=skip` to .npmrc to skip its optional CUDA download)');
});

test('another failure while loading it (a module it needs, a broken binary) is not disguised', () => {
  const missingInside = () => notFound('adm-zip');
  expect(() => loadOnnxRuntime('onnx.verify', missingInside)).toThrow("Cannot find module 'adm-zip'");
  const broken = () => { throw new Error('libonnxruntime.so: cannot open shared object file'); };
  expect(() => loadOnnxRuntime('onnx.verify', broken)).toThrow('libonnxruntime.so: cannot open shared object file');
});

test('it is loaded once and then reused', () => {
  let loads = 0;
  const fake = { InferenceSession: {} };
  const load = () => { loads++; return fake; };
  expect(loadOnnxRuntime('onnx.verify', load)).toBe(fake);
  expect(loadOnnxRuntime('onnx.verify', load)).toBe(fake);
  expect(loads).toBe(1);
});
