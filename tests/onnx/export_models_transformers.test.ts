/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * The vision transformers of torch.models through torch.onnx: every ViT and Swin (V1, V2) builder
 * but vit_h_14 (export_models_large.test.ts) exports and verifies (see export_models_check.ts),
 * and so do small models built from their classes, with shifted, padded, non-square windows.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { describeExports } from './export_models_check';
import { checkModels } from './onnx_checker';

describeExports(['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'swin_t', 'swin_s', 'swin_b', 'swin_v2_t', 'swin_v2_s', 'swin_v2_b']);

/** A small ViT (its zero-initialised head drawn from N(0, 0.02), so that the logits are not all 0) and small Swins (V1, V2). */
const SMALL: [string, () => torch.nn.Module, number[]][] = [
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-transformers-onnx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each(SMALL)('a small %s exports, passes onnx.checker and onnxruntime-node gives its outputs', async (name, build, shape) => {
  torch.manualSeed(0);
  const model = build().eval();
  const x = torch.randn(shape);
  const file = path.join(dir, `${name.replace(' ', '_')}.onnx`);
  torch.onnx.export(model, x, file, { opsetVersion: 17 });
  expect(checkModels([file])).toBe('');
  const report = await torch.onnx.verify(model, file, x, { rtol: 1e-4, atol: 1e-5 });
  expect([name, report.passed]).toEqual([name, true]);
}, 120_000);
