/** `cresset train ...`: parses the options, runs train() with a progress bar per epoch and a line per epoch. */
import { parseArgs } from 'util';
import * as cliProgress from 'cli-progress';
import { ValueError } from '@cresset/tensor';
import { epochLine } from './metrics';
import { OPTIMIZERS } from './optimizers';
import { train, TRAIN_DEFAULTS, TrainConfig } from './train';

export const TRAIN_USAGE = `usage: cresset train [--model lenet] [--data synthetic | cifar10:DIR | fashion-mnist:DIR | mnist:DIR]
                     [--epochs N] [--batch-size B] [--lr LR] [--optimizer ${OPTIMIZERS.join('|')}]
                     [--momentum M] [--weight-decay WD] [--seed S] [--out DIR] [--resume]
                     [--limit-train N] [--limit-test N] [--cache DIR] [--workers N]`;

/** A positive number from an option, or an error naming the option. */
function num(name: string, v: string | undefined, fallback: number, integer = false): number {
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x) || x < 0 || (integer && !Number.isInteger(x))) throw new ValueError(`--${name} ${v}: expected a non-negative ${integer ? 'integer' : 'number'}`);
  return x;
}

export function parseTrainArgs(argv: string[]): TrainConfig {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    options: {
      model: { type: 'string' }, data: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' },
      lr: { type: 'string' }, optimizer: { type: 'string' }, momentum: { type: 'string' }, 'weight-decay': { type: 'string' },
      seed: { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' }, 'limit-train': { type: 'string' },
      'limit-test': { type: 'string' }, cache: { type: 'string' }, workers: { type: 'string' },
    },
  });
  const d = TRAIN_DEFAULTS;
  return {
    model: v.model ?? d.model,
    data: v.data ?? d.data,
    epochs: num('epochs', v.epochs, d.epochs, true),
    batchSize: num('batch-size', v['batch-size'], d.batchSize, true),
    lr: num('lr', v.lr, d.lr),
    optimizer: v.optimizer ?? d.optimizer,
    momentum: num('momentum', v.momentum, d.momentum),
    weightDecay: num('weight-decay', v['weight-decay'], d.weightDecay),
    seed: num('seed', v.seed, d.seed, true),
    out: v.out ?? 'out',
    resume: v.resume ?? false,
    limitTrain: v['limit-train'] === undefined ? undefined : num('limit-train', v['limit-train'], 0, true),
    limitTest: v['limit-test'] === undefined ? undefined : num('limit-test', v['limit-test'], 0, true),
    cacheDir: v.cache,
    workers: num('workers', v.workers, 0, true),
  };
}

export function trainCommand(argv: string[], log: (s: string) => void = console.log): void {
  const cfg = parseTrainArgs(argv);
  let bar: cliProgress.SingleBar | null = null;
  let t0 = 0;
  let batches = 0;
  const interactive = process.stderr.isTTY;
  const result = train(cfg, {
    onStart: ({ startEpoch, batches: b, samples, source }) => {
      batches = b;
      log(`training ${cfg.model} on ${source.name} (${samples} training images ${source.imageShape.join('x')}, ${source.test.length} test) with ${cfg.optimizer} lr ${cfg.lr}, batch ${cfg.batchSize}, seed ${cfg.seed}`);
      if (startEpoch > 1) log(`resuming from ${cfg.out} after epoch ${startEpoch - 1}`);
    },
    onEpochStart: (epoch) => {
      t0 = performance.now();
      bar = new cliProgress.SingleBar({
        format: `epoch ${epoch}/${cfg.epochs} [{bar}] {value}/{total} batches | {speed} samples/s | loss {loss}`,
        hideCursor: true, clearOnComplete: true, noTTYOutput: !interactive, notTTYSchedule: 10000,
      }, cliProgress.Presets.shades_classic);
      bar.start(batches, 0, { speed: '-', loss: '-' });
    },
    onBatch: (_e, batch, samples, loss) => {
      bar?.update(batch, { speed: (samples / ((performance.now() - t0) / 1000)).toFixed(0), loss: loss.toFixed(4) });
    },
    onEpochEnd: (m) => {
      bar?.stop();
      log(epochLine(m, cfg.epochs));
    },
  });
  log(`wrote ${result.files.weights}, ${result.files.checkpoint}, ${result.files.metrics}, ${result.files.plot}`);
}
