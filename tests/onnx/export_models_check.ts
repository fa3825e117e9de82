/**
 * One torch.models builder through torch.onnx, as the export tests run it: built with 10 classes
 * after manualSeed(0), in eval mode, exported at opset 17 to a temporary file, checked with
 * onnx.checker (full_check), and run by onnxruntime-node against cresset's own output (verify).
 * Each file is removed once checked: the largest models' files are hundreds of megabytes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { checkModels } from './onnx_checker';

/**
 * The input side length each builder is exported at: AlexNet's and VGG's adaptive pools export
 * only from 224x224, and the vision transformers' position embeddings are for 224x224.
 */
export function exportSize(name: string): number {
  if (name === 'alexnet' || name.startsWith('vgg') || name.startsWith('vit_')) return 224;
  if (name === 'inception_v3') return 96;
  return 64;
}

/** torchvision zero-initialises a ViT's head, which would make every logit 0: it is drawn from N(0, 0.02) for the check. */
function drawZeroHead(model: torch.nn.Module): void {
  if (model instanceof torch.models.VisionTransformer) torch.nn.init.normal_((model.heads.getSubmodule('head') as torch.nn.Linear).weight, 0, 0.02);
}

/** Registers one test per builder name: export, onnx.checker and verify() against onnxruntime-node. */
export function describeExports(names: readonly string[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-models-onnx-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  test.each(names.map((n) => [n]))('%s exports, passes onnx.checker and onnxruntime-node gives its outputs', async (name) => {
    torch.manualSeed(0);
    const build = (torch.models.builders as unknown as Record<string, (o: { numClasses: number }) => torch.nn.Module>)[name];
    const model = build({ numClasses: 10 }).eval();
    drawZeroHead(model);
    const size = exportSize(name);
    const x = torch.randn(1, 3, size, size);
    const file = path.join(dir, `${name}.onnx`);
    try {
      torch.onnx.export(model, x, file, { opsetVersion: 17 });
      expect(checkModels([file])).toBe('');
      const report = await torch.onnx.verify(model, file, x, { rtol: 1e-4, atol: 1e-5 });
      expect([name, report.passed]).toEqual([name, true]);
    } finally {
      for (const f of [file, `${file}.data`]) fs.rmSync(f, { force: true });
    }
  }, 300_000);
}
