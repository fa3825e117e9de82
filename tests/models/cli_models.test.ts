/**
 * `--model` on the command line (any torch.models name, or a module file) and torch.summary: the
 * model is built for the data's shape and class count, a model that does not fit the shape is a
 * clear error, a .ts file's default export trains, and summary counts parameters and mult-adds.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { buildModel } from '../../packages/cresset/src/cli/model_spec';
import { summaryCommand } from '../../packages/cresset/src/cli/summary_command';
import { train, TRAIN_DEFAULTS } from '../../packages/cresset/src/cli/train';

const smallCnn = path.join(__dirname, '..', '..', 'examples', 'models', 'small_cnn.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-models-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a torch.models name builds that model with --num-classes outputs', () => {
  const m = buildModel('mobilenet_v3_small', { imageShape: [3, 32, 32], numClasses: 7 });
  expect(m).toBeInstanceOf(torch.models.MobileNetV3);
  expect(m.stateDict()['classifier.3.weight'].shape).toEqual([7, 1024]);
});

test('an unknown name and a model that does not fit the data are errors naming them', () => {
  expect(() => buildModel('resnet19', { imageShape: [3, 32, 32] })).toThrow(/--model resnet19: unknown model; expected a file path .* resnet18, /);
  expect(() => buildModel('squeezenet1_1', { imageShape: [3, 8, 8], numClasses: 10 })).toThrow(/--model squeezenet1_1: does not run on 3x8x8 images: /);
});

test("a module file's default export gets the data's shape and class count", () => {
  const m = buildModel(`./${path.relative(process.cwd(), smallCnn)}`, { imageShape: [1, 28, 28], numClasses: 7 });
  expect(m.constructor.name).toBe('SmallCNN');
  expect(m.stateDict()['features.0.weight'].shape).toEqual([16, 1, 3, 3]);
  expect(m.stateDict()['classifier.weight'].shape).toEqual([7, 32 * 7 * 7]);
});

test('cresset train --model ./examples/models/small_cnn.ts trains on Fashion-MNIST and writes small_cnn.safetensors', async () => {
  const out = path.join(dir, 'run');
  const data = 'fashion-mnist:/usr/share/datasets/fashion-mnist';
  const r = await train({ ...TRAIN_DEFAULTS, model: smallCnn, data, out, epochs: 1, limitTrain: 128, limitTest: 64, batchSize: 32 });
  expect(r.model.stateDict()['features.0.weight'].shape).toEqual([16, 1, 3, 3]);
  expect(r.metrics).toHaveLength(1);
  expect(Number.isFinite(r.metrics[0].trainLoss)).toBe(true);
  expect(Object.keys(torch.load(path.join(out, 'small_cnn.safetensors')) as object)).toEqual(Object.keys(r.model.stateDict()));
});

test('torch.summary: output shapes, parameters and mult-adds per layer, for the whole batch', () => {
  const m = buildModel(smallCnn, { imageShape: [1, 28, 28], numClasses: 7 });
  const s = torch.summary(m, [2, 1, 28, 28]);
  expect(s.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
    ['features.0', [2, 16, 28, 28], 16 * 9 + 16], ['features.1', [2, 16, 28, 28], 32], ['features.2', [2, 16, 28, 28], 0], ['features.3', [2, 16, 14, 14], 0],
    ['features.4', [2, 32, 14, 14], 32 * 16 * 9 + 32], ['features.5', [2, 32, 14, 14], 64], ['features.6', [2, 32, 14, 14], 0], ['features.7', [2, 32, 7, 7], 0],
    ['classifier', [2, 7], 32 * 49 * 7 + 7],
  ]);
  // per sample: conv1 16*28*28*9, conv2 32*14*14*16*9, linear 1568*7
  expect(s.totalMultAdds).toBe(2 * (16 * 28 * 28 * 9 + 32 * 14 * 14 * 16 * 9 + 1568 * 7));
  expect(String(s)).toContain('Total params: 15,879');
  expect(() => torch.summary(m, [1, 28, 28].slice(0, 1))).toThrow(/summary: inputSize should be positive sizes with the batch dim first/);
});

test('cresset summary --model squeezenet1_1 --num-classes 10 prints every layer and the totals', () => {
  const lines: string[] = [];
  summaryCommand(['--model', 'squeezenet1_1', '--num-classes', '10', '--input', '3x64x64'], (s) => lines.push(s));
  const text = lines.join('\n');
  expect(text).toContain('features.3.expand3x3 (Conv2d)');
  expect(text).toContain('classifier.3 (AdaptiveAvgPool2d)');
  expect(text).toContain(`Total params: ${(torch.models.squeezenet1_1({ numClasses: 10 }).parameters().reduce((n, p) => n + p.numel(), 0)).toLocaleString('en-US')}`);
});
