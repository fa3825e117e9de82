/**
 * `cresset train` as a user runs it: with its output redirected to a file it still reports
 * progress inside every epoch; `--resume` with every epoch done says so and changes nothing; and
 * `verify` refreshes an ONNX file older than the weights beside it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseOptions } from '../../src/cli/options';
import { defineTrain, runTrain, TrainOptions } from '../../src/cli/train_command';

const bin = path.join(__dirname, '..', '..', 'bin', 'cresset.js');
const options = (argv: string[]) => parseOptions<TrainOptions>(defineTrain, argv);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-train-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('`cresset train ... > log` shows progress lines during each epoch, before its epoch line', () => {
  const log = path.join(dir, 'train.log');
  const fd = fs.openSync(log, 'w');
  execFileSync(process.execPath, [bin, 'train', '--epochs', '2', '--limit-train', '640', '--limit-test', '100', '--out', path.join(dir, 'logged'), '--progress-every', '0.001'], { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
  const epochLine = (e: number) => lines.findIndex((l) => l.startsWith(`epoch ${e}/2: train loss`));
  const progressLines = (e: number) => lines.map((l, i) => [l, i] as const).filter(([l]) => new RegExp(`^epoch ${e}/2 batch \\d+/10 \\| \\d+ samples/s \\| loss \\d+\\.\\d{4}$`).test(l));
  for (const e of [1, 2]) {
    const progress = progressLines(e);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    for (const [l, i] of progress) {
      expect(i).toBeLessThan(epochLine(e));
      expect(i).toBeGreaterThan(e === 1 ? 0 : epochLine(1));
      expect(Number(/batch (\d+)\//.exec(l)![1])).toBeLessThan(10);
    }
  }
  expect(lines[lines.length - 1]).toMatch(/^wrote .*lenet\.safetensors, .*checkpoint\.safetensors, .*metrics\.csv, .*metrics\.svg$/);
}, 300_000);

test('--resume with every epoch done says so and leaves the files alone; a higher --epochs trains on', async () => {
  const out = path.join(dir, 'resume');
  const argv = ['--epochs', '1', '--limit-train', '128', '--limit-test', '50', '--out', out];
  const first: string[] = [];
  await runTrain(options(argv), (s) => first.push(s), false);
  const checkpoint = path.join(out, 'checkpoint.safetensors');
  const before = fs.statSync(checkpoint).mtimeMs;
  const again: string[] = [];
  await runTrain(options([...argv, '--resume']), (s) => again.push(s), false);
  expect(again.slice(1)).toEqual([
    `resuming from ${checkpoint} after epoch 1`,
    `nothing to train: ${checkpoint} already holds 1 epochs and --epochs is 1; no file was changed (raise --epochs to train on)`,
  ]);
  expect(fs.statSync(checkpoint).mtimeMs).toBe(before);
  const more: string[] = [];
  await runTrain(options([...argv, '--resume', '--epochs', '2']), (s) => more.push(s), false);
  expect(more[1]).toBe(`resuming from ${checkpoint} after epoch 1`);
  expect(more[2]).toMatch(/^epoch 2\/2: train loss/);
});

test('--resume without a checkpoint says it starts at epoch 1', async () => {
  const out = path.join(dir, 'fresh');
  const lines: string[] = [];
  await runTrain(options(['--epochs', '1', '--limit-train', '64', '--limit-test', '20', '--out', out, '--resume']), (s) => lines.push(s), false);
  expect(lines[1]).toBe(`--resume: no checkpoint in ${out}, starting at epoch 1`);
  expect(lines[2]).toMatch(/^epoch 1\/1: train loss/);
});
