/** `cresset train ...`: its options, and the run with progress per epoch and a line per epoch. */
import { Command, Option } from 'commander';
import { epochLine } from './metrics';
import { anyInteger, integer, number, parseOptions } from './options';
import { OPTIMIZERS } from './optimizers';
import { startEpochProgress, EpochProgress } from './progress';
import { MODEL_HELP } from './model_spec';
import { train, TRAIN_DEFAULTS, TrainConfig } from './train';

/** The options of `cresset train` as commander parses them. */
export interface TrainOptions extends Omit<TrainConfig, 'cacheDir'> {
  cache?: string;
  progressEvery: number;
}

/** Adds `cresset train`'s options, with their help and defaults, to `cmd`. */
export function defineTrain(cmd: Command): Command {
  const d = TRAIN_DEFAULTS;
  return cmd
    .description('train a model, evaluating it on the test set after every epoch; writes the weights, a resumable checkpoint, metrics.csv and metrics.svg')
    .option('--model <name|file>', `the model to train: ${MODEL_HELP}`, d.model)
    .option('--num-classes <n>', 'outputs of the model', integer(1), d.numClasses)
    .option('--data <spec>', 'the dataset: synthetic (embedded, CIFAR-like), cifar10:DIR, fashion-mnist:DIR or mnist:DIR', d.data)
    .option('--epochs <n>', 'epochs in all (a resumed run continues up to this count)', integer(1), d.epochs)
    .option('--batch-size <n>', 'training batch size', integer(1), d.batchSize)
    .option('--lr <rate>', 'learning rate', number(0), d.lr)
    .addOption(new Option('--optimizer <name>', 'the optimizer').choices(OPTIMIZERS).default(d.optimizer))
    .option('--momentum <m>', 'momentum (sgd and rmsprop)', number(0), d.momentum)
    .option('--weight-decay <wd>', 'L2 penalty', number(0), d.weightDecay)
    .option('--seed <s>', 'seed of torch.manualSeed (negative seeds as PyTorch takes them)', anyInteger, d.seed)
    .option('--out <dir>', 'folder for weights, checkpoint, metrics.csv and metrics.svg', 'out')
    .option('--resume', 'continue from <out>/checkpoint.safetensors, exactly as if never stopped', false)
    .option('--limit-train <n>', 'use only the first n training images', integer(1))
    .option('--limit-test <n>', 'use only the first n test images', integer(1))
    .option('--cache <dir>', 'folder to cache decoded datasets in')
    .option('--workers <n>', 'DataLoader worker threads (0: load in the training loop)', integer(0), 0)
    .option('--no-compile', 'run every op eagerly instead of through torch.compile')
    .option('--progress-every <seconds>', 'seconds between progress lines when output is not a terminal', number(0, true), 5);
}

function toConfig(o: TrainOptions): TrainConfig {
  const { cache, progressEvery: _, ...rest } = o;
  return { ...rest, cacheDir: cache };
}

/** `cresset train`'s options from `argv`, as a training config. */
export function parseTrainArgs(argv: string[]): TrainConfig {
  return toConfig(parseOptions<TrainOptions>(defineTrain, argv));
}

/** Runs `cresset train` with parsed options; `log` gets the report lines and, off a terminal, the progress lines. */
export async function runTrain(o: TrainOptions, log: (s: string) => void = console.log, terminal = Boolean(process.stderr.isTTY)): Promise<void> {
  const cfg = toConfig(o);
  let progress: EpochProgress | null = null;
  let batches = 0;
  const result = await train(cfg, {
    onStart: ({ startEpoch, batches: b, samples, source, resumedFrom }) => {
      batches = b;
      log(`training ${cfg.model} on ${source.name} (${samples} training images ${source.imageShape.join('x')}, ${source.test.length} test) with ${cfg.optimizer} lr ${cfg.lr}, batch ${cfg.batchSize}, seed ${cfg.seed}`);
      if (cfg.resume && !resumedFrom) log(`--resume: no checkpoint in ${cfg.out}, starting at epoch 1`);
      if (resumedFrom) log(`resuming from ${resumedFrom} after epoch ${startEpoch - 1}`);
    },
    onEpochStart: (epoch) => {
      progress = startEpochProgress({ epoch, epochs: cfg.epochs, batches, write: log, everySeconds: o.progressEvery, terminal });
    },
    onBatch: (_e, batch, samples, loss) => progress?.update(batch, samples, loss),
    onEpochEnd: (m) => {
      progress?.stop();
      log(epochLine(m, cfg.epochs));
    },
  });
  if (result.epochsRun === 0) {
    log(`nothing to train: ${result.files.checkpoint} already holds ${result.metrics.length} epochs and --epochs is ${cfg.epochs}; no file was changed (raise --epochs to train on)`);
    return;
  }
  log(`wrote ${result.files.weights}, ${result.files.checkpoint}, ${result.files.metrics}, ${result.files.plot}`);
}

/** `cresset train` on raw arguments. */
export async function trainCommand(argv: string[], log: (s: string) => void = console.log): Promise<void> {
  await runTrain(parseOptions<TrainOptions>(defineTrain, argv), log);
}
