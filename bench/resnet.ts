/**
 * The resnet18 rows of `npm run bench`: torchvision's resnet18 as PyTorch exports it to ONNX
 * (bench/pytorch_resnet.py writes the file and times PyTorch), imported by cresset with
 * torch.onnx.load and run by onnxruntime-node: the forward at batch 1, 224x224 (eagerly, through
 * torch.compile, and through torch.compile's onnxruntime backend), and a training step at batch 8
 * (SGD with momentum, cross-entropy; eagerly and compiled); and torch.models.resnet18 with 10
 * classes training on 3x32x32 at batch 64 against torchvision's in PyTorch. PyTorch's exporter folds each BatchNorm
 * into its convolution, so cresset trains that folded graph while PyTorch trains the model with
 * BatchNorm; the convolutions, which are nearly all of the work, are the same. Skipped without
 * python3-torchvision.
 */
import { spawnSync } from 'child_process';
import { childJson } from './child';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { medianSeconds, medianSecondsAsync } from './timing';

const PYTHON = '/usr/bin/python3';

export interface ResNetTimes {
  torchForwardMs: number;
  torchTrainSamplesPerS: number;
  ortForwardMs: number;
  forwardMs: number;
  compiledForwardMs: number;
  /** torch.compile(model, { backend: 'onnxruntime' }) on cresset's own export of the imported model. */
  ortBackendForwardMs: number;
  trainSamplesPerS: number;
  compiledTrainSamplesPerS: number;
  /** torch.models.resnet18({ numClasses: 10 }) on 3x32x32, batch 64: PyTorch's, cresset's eager and compiled samples/s. */
  torchCifarTrainSamplesPerS: number;
  cifarTrainSamplesPerS: number;
  compiledCifarTrainSamplesPerS: number;
}

export function torchvisionAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torchvision'], { stdio: 'ignore' }).status === 0;
}

/** All five times at `threads` threads, or null without torchvision. The ONNX file is made once, in `dir`. */
export async function timeResNet(threads: number, seconds: number, dir: string): Promise<ResNetTimes | null> {
  if (!torchvisionAvailable()) return null;
  const file = path.join(dir, 'resnet18.onnx');
  const pt = childJson<Record<string, number>>(PYTHON, [path.join(__dirname, 'pytorch_resnet.py'), String(threads), String(seconds), file]);

  torch.setNumThreads(threads);
  torch.manualSeed(0);
  const model = torch.onnx.load(file);
  model.eval();
  const x1 = torch.randn([1, 3, 224, 224]);
  const forwardMs = 1e3 * medianSeconds(() => torch.noGrad(() => model.forward(x1)), seconds, 1, 5);
  const fast = torch.compile(model);
  const compiledForwardMs = 1e3 * medianSeconds(() => torch.noGrad(() => fast.forward(x1)), seconds, 3, 5);
  const viaOrt = torch.compile(model, { backend: 'onnxruntime' });
  const ortBackendForwardMs = 1e3 * await medianSecondsAsync(() => viaOrt.forwardAsync(x1), seconds);
  await viaOrt.release();
  model.train();
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const x8 = torch.randn([8, 3, 224, 224]);
  const y8 = torch.randint(0, 1000, [8]);
  const trainStep = () => {
    opt.zeroGrad();
    torch.nn.functional.crossEntropy(model.forward(x8) as torch.Tensor, y8).backward();
    opt.step();
  };
  const trainSamplesPerS = 8 / medianSeconds(trainStep, seconds, 1, 3);
  const compiledTrainSamplesPerS = 8 / medianSeconds(torch.compile(trainStep), seconds, 3, 3);
  const [cifarTrainSamplesPerS, compiledCifarTrainSamplesPerS] = cifarResNet(seconds);

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const input = new ort.Tensor('float32', Float32Array.from(x1.flatten().toArray() as number[]), [1, 3, 224, 224]);
  const ortForwardMs = 1e3 * await medianSecondsAsync(() => session.run({ [session.inputNames[0]]: input }), seconds);
  await session.release();
  return {
    torchForwardMs: pt.forward_ms, torchTrainSamplesPerS: pt.train_samples_per_s, ortForwardMs, forwardMs, compiledForwardMs, ortBackendForwardMs,
    trainSamplesPerS, compiledTrainSamplesPerS, torchCifarTrainSamplesPerS: pt.cifar_train_samples_per_s, cifarTrainSamplesPerS, compiledCifarTrainSamplesPerS,
  };
}

/** torch.models.resnet18 with 10 classes (BatchNorm and all) training on 3x32x32 at batch 64: eager and compiled samples/s. */
function cifarResNet(seconds: number): [number, number] {
  torch.manualSeed(0);
  const model = torch.models.resnet18({ numClasses: 10 });
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const x = torch.randn([64, 3, 32, 32]);
  const y = torch.randint(0, 10, [64]);
  const step = () => {
    opt.zeroGrad();
    torch.nn.functional.crossEntropy(model.forward(x) as torch.Tensor, y).backward();
    opt.step();
  };
  return [64 / medianSeconds(step, seconds, 1, 3), 64 / medianSeconds(torch.compile(step), seconds, 3, 3)];
}

/** A temporary folder for the exported file, removed by `cleanup`. */
export function resnetDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-resnet-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
