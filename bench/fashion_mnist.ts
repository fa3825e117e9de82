/**
 * The Fashion-MNIST row of `npm run bench`: one epoch of `cresset train --data fashion-mnist:DIR`
 * (data loading, the compiled training steps and the test-set evaluation; through the same
 * `train()` the command line runs) against the same recipe in PyTorch
 * (bench/pytorch_fashion_mnist.py), both at `threads` threads. Skipped without Debian's
 * dataset-fashion-mnist.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { train } from '../packages/cresset/dist/cli/train';
import { torchvisionAvailable } from './resnet';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export interface EpochTimes {
  seconds: number;
  accuracy: number;
  eagerSeconds: number;
  torchSeconds: number | null;
  torchAccuracy: number | null;
}

/** One epoch compiled and one eager in cresset, one in PyTorch; null without the dataset. */
export async function timeFashionMnistEpoch(threads: number): Promise<EpochTimes | null> {
  if (!fs.existsSync(path.join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'))) return null;
  torch.setNumThreads(threads);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-fmnist-'));
  try {
    const run = async (compile: boolean) => (await train({
      model: 'lenet', data: `fashion-mnist:${FASHION_MNIST_DIR}`, epochs: 1, batchSize: 64, lr: 0.01, optimizer: 'sgd', momentum: 0.9,
      weightDecay: 0, seed: 0, out: path.join(out, String(compile)), resume: false, compile,
    })).metrics[0];
    const compiled = await run(true);
    const eager = await run(false);
    let torchSeconds: number | null = null, torchAccuracy: number | null = null;
    if (torchvisionAvailable()) {
      const pt = JSON.parse(execFileSync('/usr/bin/python3', [path.join(__dirname, 'pytorch_fashion_mnist.py'), String(threads), FASHION_MNIST_DIR], { encoding: 'utf8' }).trim().split('\n').pop()!);
      torchSeconds = pt.epoch_seconds;
      torchAccuracy = pt.accuracy;
    }
    return { seconds: compiled.seconds, accuracy: compiled.testAccuracy, eagerSeconds: eager.seconds, torchSeconds, torchAccuracy };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
