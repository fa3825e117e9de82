/**
 * The Fashion-MNIST row of `npm run bench`: one epoch of `cresset train --data fashion-mnist:DIR`
 * (data loading, the compiled training steps and the test-set evaluation), run as a user runs it:
 * the command line in a process of its own, as PyTorch's same recipe runs in its own
 * (bench/pytorch_fashion_mnist.py), both at the default thread count. The epoch's time is the one
 * `cresset train` writes to metrics.csv. Skipped without Debian's dataset-fashion-mnist.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { childJson } from './child';
import { torchvisionAvailable } from './resnet';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export interface EpochTimes {
  seconds: number;
  accuracy: number;
  eagerSeconds: number;
  torchSeconds: number | null;
  torchAccuracy: number | null;
}

const CLI = path.join(__dirname, '..', 'packages', 'cresset', 'dist', 'cli', 'main.js');

/** The first epoch's row of the metrics.csv `cresset train` wrote into `out`: seconds and test accuracy. */
function epochMetrics(out: string): { seconds: number; accuracy: number } {
  const [header, first] = fs.readFileSync(path.join(out, 'metrics.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  const values = first.split(',').map(Number);
  return { seconds: values[cols.indexOf('seconds')], accuracy: values[cols.indexOf('test_accuracy')] };
}

/**
 * One epoch compiled and one eager in cresset, one in PyTorch, each in its own process; null
 * without the dataset. `cresset train` runs at the default thread count (the machine's cores),
 * PyTorch at `threads`, which the bench passes as that same count.
 */
export function timeFashionMnistEpoch(threads: number): EpochTimes | null {
  if (!fs.existsSync(path.join(FASHION_MNIST_DIR, 'train-images-idx3-ubyte.gz'))) return null;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-fmnist-'));
  try {
    const run = (compile: boolean) => {
      const dir = path.join(out, String(compile));
      execFileSync(process.execPath, [CLI, 'train', '--model', 'lenet', '--data', `fashion-mnist:${FASHION_MNIST_DIR}`, '--epochs', '1', '--batch-size', '64',
        '--lr', '0.01', '--optimizer', 'sgd', '--momentum', '0.9', '--weight-decay', '0', '--seed', '0', '--out', dir, ...(compile ? [] : ['--no-compile'])], { stdio: 'ignore' });
      return epochMetrics(dir);
    };
    const compiled = run(true);
    const eager = run(false);
    let torchSeconds: number | null = null, torchAccuracy: number | null = null;
    if (torchvisionAvailable()) {
      const pt = childJson<{ epoch_seconds: number; accuracy: number }>('/usr/bin/python3', [path.join(__dirname, 'pytorch_fashion_mnist.py'), String(threads), FASHION_MNIST_DIR]);
      torchSeconds = pt.epoch_seconds;
      torchAccuracy = pt.accuracy;
    }
    return { seconds: compiled.seconds, accuracy: compiled.accuracy, eagerSeconds: eager.seconds, torchSeconds, torchAccuracy };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
