/**
 * The acceptance run on real Fashion-MNIST (Debian's dataset-fashion-mnist): LeNet for 1x28x28
 * (first conv padded by 2), pixels to [0, 1] and normalised by 0.2860 / 0.3530, SGD(lr 0.01,
 * momentum 0.9), batch 64, shuffled, seed 0. PyTorch 1.13 reaches 82.9% after one epoch; cresset
 * must reach at least 82% (it reaches 83.8%). The test takes 35-50 s with the WebAssembly backend on
 * 2 cores (85 s before the threaded kernels, about 3 minutes with CRESSET_BACKEND=reference).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { train, TRAIN_DEFAULTS } from '../../packages/cresset/src/cli/train';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-fmnist-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('one epoch of LeNet on Fashion-MNIST reaches at least 82% test accuracy', async () => {
  const { metrics } = await train({ ...TRAIN_DEFAULTS, data: 'fashion-mnist:/usr/share/datasets/fashion-mnist', epochs: 1, batchSize: 64, lr: 0.01, momentum: 0.9, seed: 0, out });
  expect(metrics).toHaveLength(1);
  expect(metrics[0].testAccuracy).toBeGreaterThanOrEqual(0.82);
  expect(metrics[0].trainLoss).toBeLessThan(1);
}, 20 * 60_000);
