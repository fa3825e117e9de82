/**
 * Training LeNet on the embedded CIFAR-like dataset end to end: it learns (far above the 10% of
 * chance), the same seed gives the same metrics and weights, and a run killed after a checkpoint
 * and resumed with --resume ends with exactly the weights of a run never stopped.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { train, TRAIN_DEFAULTS, TrainConfig } from '../../packages/cresset/src/cli/train';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-train-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const cacheDir = path.join(dir, 'cache');
const small = (out: string, extra: Partial<TrainConfig> = {}): TrainConfig => ({
  ...TRAIN_DEFAULTS, out: path.join(dir, out), cacheDir, epochs: 2, limitTrain: 1200, limitTest: 400, ...extra,
});
const withoutTime = (m: { seconds: number }[]) => m.map(({ seconds: _s, ...rest }) => rest);
const weightsOf = (file: string) => Object.entries(torch.load(file) as Record<string, torch.Tensor>).map(([k, t]) => [k, Array.from(t.array.values())]);

test('LeNet learns the embedded dataset: test accuracy far above chance after 2 epochs', async () => {
  const { metrics } = await train({ ...TRAIN_DEFAULTS, out: path.join(dir, 'full'), cacheDir, epochs: 2 });
  expect(metrics).toHaveLength(2);
  expect(metrics[1].trainLoss).toBeLessThan(metrics[0].trainLoss);
  expect(metrics[1].testAccuracy).toBeGreaterThan(0.35);
  expect(metrics[1].testAccuracy).toBeLessThan(0.95);
  const csv = fs.readFileSync(path.join(dir, 'full', 'metrics.csv'), 'utf8').trim().split('\n');
  expect(csv[0]).toBe('epoch,train_loss,test_loss,test_accuracy,seconds');
  expect(csv[2].split(',').slice(0, 4)).toEqual(['2', metrics[1].trainLoss.toFixed(6), metrics[1].testLoss.toFixed(6), metrics[1].testAccuracy.toFixed(6)]);
}, 600_000);

test('the same seed gives the same metrics and weights; another seed does not', async () => {
  const a = await train(small('a'));
  const b = await train(small('b'));
  const c = await train(small('c', { seed: 1 }));
  expect(withoutTime(b.metrics)).toEqual(withoutTime(a.metrics));
  expect(weightsOf(b.files.weights)).toEqual(weightsOf(a.files.weights));
  expect(withoutTime(c.metrics)).not.toEqual(withoutTime(a.metrics));
}, 600_000);

test('stopping after epoch 1 and resuming gives the weights and metrics of an uninterrupted run', async () => {
  const whole = await train(small('whole'));
  await train(small('split', { epochs: 1 }));
  const resumed = await train(small('split', { resume: true }));
  expect(withoutTime(resumed.metrics)).toEqual(withoutTime(whole.metrics));
  expect(weightsOf(resumed.files.weights)).toEqual(weightsOf(whole.files.weights));
}, 600_000);

test('resuming with different settings is refused, naming them', async () => {
  await train(small('mismatch', { epochs: 1, limitTrain: 200, limitTest: 100 }));
  await expect(train(small('mismatch', { epochs: 2, limitTrain: 200, limitTest: 100, lr: 0.1, resume: true }))).rejects.toThrow(
    `--resume: ${path.join(dir, 'mismatch', 'checkpoint.safetensors')} was written with different settings: lr 0.01 there, 0.1 here`,
  );
}, 600_000);

test('the command line killed (SIGKILL) during epoch 2 and rerun with --resume ends with the uninterrupted weights', async () => {
  const cli = path.join(__dirname, '../../packages/cresset/dist/cli/main.js');
  const out = path.join(dir, 'killed');
  const args = ['train', '--epochs', '2', '--limit-train', '1200', '--limit-test', '400', '--cache', cacheDir, '--out', out];
  const run = (extra: string[], killAfterCheckpoint: boolean) =>
    new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args, ...extra], { stdio: ['ignore', 'pipe', 'ignore'] });
      let log = '';
      const watchdog = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`cresset ${[...args, ...extra].join(' ')} did not finish within 4 minutes; its output:\n${log}`));
      }, 240_000);
      child.stdout.on('data', (d) => {
        log += String(d);
        if (killAfterCheckpoint && log.includes('epoch 1/2:')) child.kill('SIGKILL');
      });
      child.on('exit', (code) => {
        clearTimeout(watchdog);
        resolve(code);
      });
    });
  expect(await run([], true)).toBeNull(); // killed by the signal
  expect(torch.load(path.join(out, 'checkpoint.safetensors')).epoch).toBe(1);
  expect(await run(['--resume'], false)).toBe(0);
  const whole = await train(small('killed-ref'));
  expect(weightsOf(path.join(out, 'lenet.safetensors'))).toEqual(weightsOf(whole.files.weights));
}, 600_000);
