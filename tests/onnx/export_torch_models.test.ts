/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * torch.models through torch.onnx: one builder of each family but VGG, with 10 classes and its seeded
 * initial weights in eval mode, exports at opset 17, passes onnx.checker (full_check), and gives
 * onnxruntime-node cresset's outputs (verify). The transformers are exported as small models built
 * from their classes (the builders' smallest is an 88M-parameter, 350 MB file).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { checkModels } from './onnx_checker';

/**
 * Each family's builder and an input size it takes (AlexNet's average pool needs its 224x224 to
 * export; VGG, which needs the same, is left out: its 224x224 export is a 500 MB file).
 */
const MODELS: [string, number][] = [
  ['resnet18', 64], ['resnext50_32x4d', 64], ['alexnet', 224], ['squeezenet1_1', 64], ['densenet121', 64],
  ['googlenet', 64], ['inception_v3', 96], ['mobilenet_v2', 64], ['mobilenet_v3_small', 64], ['mnasnet0_5', 64],
  ['shufflenet_v2_x0_5', 64], ['efficientnet_b0', 64], ['regnet_x_400mf', 64], ['regnet_y_400mf', 64], ['convnext_tiny', 64],
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-models-onnx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const files: string[] = [];

test.each(MODELS)('%s exports and onnxruntime-node gives its outputs', async (name, size) => {
  torch.manualSeed(0);
  const build = (torch.models as unknown as Record<string, (o: { numClasses: number }) => torch.nn.Module>)[name];
  const model = build({ numClasses: 10 }).eval();
  const x = torch.randn(1, 3, size, size);
  const file = path.join(dir, `${name}.onnx`);
  torch.onnx.export(model, x, file, { opsetVersion: 17 });
  files.push(file);
  const report = await torch.onnx.verify(model, file, x, { rtol: 1e-4, atol: 1e-5 });
  expect([name, report.passed, report.outputs.map((o) => o.name)]).toEqual([name, true, report.outputs.map((o) => o.name)]);
}, 120_000);

/** A small ViT (its zero-initialised head drawn from N(0, 0.02), so that the logits are not all 0) and small Swins (V1, V2) with shifted, padded, non-square windows. */
const TRANSFORMERS: [string, () => torch.nn.Module, number[]][] = [
  ['VisionTransformer', () => {
    const m = new torch.models.VisionTransformer({ imageSize: 32, patchSize: 8, numLayers: 2, numHeads: 4, hiddenDim: 64, mlpDim: 128, numClasses: 10 });
    torch.nn.init.normal_((m.heads.getSubmodule('head') as torch.nn.Linear).weight, 0, 0.02);
    return m;
  }, [2, 3, 32, 32]],
  ['SwinTransformer', () => new torch.models.SwinTransformer({ patchSize: [2, 2], embedDim: 16, depths: [2, 2, 2], numHeads: [2, 4, 4], windowSize: [3, 4], numClasses: 10 }), [2, 3, 22, 30]],
  ['SwinTransformer V2', () => new torch.models.SwinTransformer({
    patchSize: [2, 2], embedDim: 16, depths: [2, 2, 2], numHeads: [2, 4, 4], windowSize: [3, 4], numClasses: 10, block: torch.models.SwinTransformerBlockV2, downsampleLayer: torch.models.PatchMergingV2,
  }), [2, 3, 22, 30]],
];

test.each(TRANSFORMERS)('a small %s exports and onnxruntime-node gives its outputs', async (name, build, shape) => {
  torch.manualSeed(0);
  const model = build().eval();
  const x = torch.randn(shape);
  const file = path.join(dir, `${name.replace(' ', '_')}.onnx`);
  torch.onnx.export(model, x, file, { opsetVersion: 17 });
  files.push(file);
  const report = await torch.onnx.verify(model, file, x, { rtol: 1e-4, atol: 1e-5 });
  expect([name, report.passed]).toEqual([name, true]);
}, 120_000);

test('every exported file passes onnx.checker', () => {
  expect(files.length).toBe(MODELS.length + TRANSFORMERS.length);
  expect(checkModels(files)).toBe('');
});
