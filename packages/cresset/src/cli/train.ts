/**
 * `cresset train`: the PyTorch training loop (zero_grad, forward, cross-entropy, backward, step,
 * through torch.compile unless turned off) over a shuffled DataLoader, an evaluation on the test set after every epoch, and per epoch an
 * atomic checkpoint (model, optimizer, RNG state, metrics) from which `resume` continues exactly as
 * if never stopped, the weights under PyTorch's names, metrics.csv and metrics.svg.
 */
import * as fs from 'fs';
import * as path from 'path';
import { noGrad, Tensor } from '@cresset/autograd';
import { DataLoader } from '@cresset/data';
import * as nn from '@cresset/nn';
import { getRngState, manualSeed, setRngState, ValueError } from '@cresset/tensor';
import type { GeneratorState } from '@cresset/tensor';
import { compile } from '../compile';
import { load, save, writeFileAtomic } from '../serialization';
import { DATA_SPEC_MODULE, DataSource, resolveData } from './data_spec';
import { EpochMetrics, metricsCsv } from './metrics';
import { buildModel, modelLabel } from './model_spec';
import { makeOptimizer } from './optimizers';
import { plotMetrics, PlotLabels } from './plot';

export interface TrainConfig {
  /** A torch.models name (lenet, resnet18, ...) or the path of a module file (./net.ts, ./net.js). */
  model: string;
  /** Outputs of the model (10, the classes of every bundled dataset). */
  numClasses?: number;
  data: string;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: string;
  momentum: number;
  weightDecay: number;
  seed: number;
  out: string;
  resume: boolean;
  limitTrain?: number;
  limitTest?: number;
  cacheDir?: string;
  /** DataLoader worker threads for the training set (0: load in the training loop). */
  workers?: number;
  /** Train and evaluate through torch.compile (the default); false runs every op eagerly. */
  compile?: boolean;
}

export const TRAIN_DEFAULTS: Omit<TrainConfig, 'out'> = {
  model: 'lenet', numClasses: 10, data: 'synthetic', epochs: 2, batchSize: 64, lr: 0.01, optimizer: 'sgd', momentum: 0.9, weightDecay: 0, seed: 0, resume: false, compile: true,
};

/** What the loop reports as it goes (the command line draws progress bars from it). */
export interface TrainHooks {
  /** `resumedFrom`: the checkpoint the run continues from, if any. */
  onStart?(info: { epochs: number; startEpoch: number; batches: number; samples: number; source: DataSource; resumedFrom?: string }): void;
  onEpochStart?(epoch: number): void;
  onBatch?(epoch: number, batch: number, samples: number, loss: number): void;
  onEpochEnd?(m: EpochMetrics): void;
}

export interface TrainResult {
  model: nn.Module;
  /** Every epoch's metrics, the resumed ones included. */
  metrics: EpochMetrics[];
  /** Epochs trained by this call (0 when a resumed checkpoint already holds them all). */
  epochsRun: number;
  files: { checkpoint: string; weights: string; metrics: string; plot: string };
}

/** The settings a checkpoint must share with the run that resumes it. */
const SAME_ON_RESUME = ['model', 'numClasses', 'data', 'batchSize', 'optimizer', 'lr', 'momentum', 'weightDecay', 'seed', 'limitTrain', 'limitTest'] as const;

/** A forward pass's logits: the tensor, or the `logits` of named outputs (GoogLeNet and Inception v3 in training mode). */
function logitsOf(out: unknown): Tensor {
  return out instanceof Tensor ? out : (out as { logits: Tensor }).logits;
}

/** Mean loss and accuracy of the model on a dataset, without gradients, in eval mode. */
export function evaluate(model: nn.Module, loader: Iterable<[Tensor, Tensor]>): { loss: number; accuracy: number } {
  model.eval();
  let loss = 0, correct = 0, n = 0;
  noGrad(() => {
    for (const [x, y] of loader) {
      const logits = model.forward(x) as Tensor;
      loss += nn.functional.crossEntropy(logits, y, { reduction: 'sum' }).item();
      correct += logits.argmax(1).eq(y).sum().item();
      n += y.shape[0];
    }
  });
  return { loss: loss / n, accuracy: correct / n };
}

/** Trains as the config says; resolves once the last epoch's files are written. */
export async function train(config: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  const cfg = { ...config };
  const files = {
    checkpoint: path.join(cfg.out, 'checkpoint.safetensors'),
    weights: path.join(cfg.out, `${modelLabel(cfg.model)}.safetensors`),
    metrics: path.join(cfg.out, 'metrics.csv'),
    plot: path.join(cfg.out, 'metrics.svg'),
  };
  manualSeed(cfg.seed);
  const dataOpts = { cacheDir: cfg.cacheDir, limitTrain: cfg.limitTrain, limitTest: cfg.limitTest };
  const source = resolveData(cfg.data, dataOpts);
  fs.mkdirSync(cfg.out, { recursive: true });
  const model = buildModel(cfg.model, { imageShape: source.imageShape, numClasses: cfg.numClasses, lenet: source.model });
  const opt = makeOptimizer(model.parameters(), { ...cfg, name: cfg.optimizer });
  const trainLoader = new DataLoader<unknown, [Tensor, Tensor]>(source.train, {
    batchSize: cfg.batchSize, shuffle: true, numWorkers: cfg.workers ?? 0,
    workerDataset: { module: DATA_SPEC_MODULE, exportName: 'trainDatasetFor', args: [cfg.data, dataOpts] },
  });
  const testLoader = new DataLoader<unknown, [Tensor, Tensor]>(source.test, { batchSize: 1000 });
  let metrics: EpochMetrics[] = [];
  let resumedFrom: string | undefined;

  if (cfg.resume && fs.existsSync(files.checkpoint)) {
    resumedFrom = files.checkpoint;
    const ck = load(files.checkpoint);
    const diff = SAME_ON_RESUME.filter((k) => ck.config?.[k] !== (cfg[k] ?? null));
    if (diff.length) {
      throw new ValueError(`--resume: ${files.checkpoint} was written with different settings: ${diff.map((k) => `${k} ${JSON.stringify(ck.config?.[k])} there, ${JSON.stringify(cfg[k])} here`).join('; ')}`);
    }
    model.loadStateDict(ck.model);
    opt.loadStateDict(ck.optimizer);
    setRngState(ck.rng as GeneratorState);
    metrics = ck.metrics as EpochMetrics[];
  }

  const eagerStep = (x: Tensor, y: Tensor) => {
    opt.zeroGrad();
    const loss = nn.functional.crossEntropy(logitsOf(model.forward(x)), y);
    loss.backward();
    opt.step();
    return loss;
  };
  const compiled = cfg.compile ?? true;
  const step = compiled ? compile(eagerStep) : eagerStep;
  const evalModel = compiled ? compile(model) : model;

  const startEpoch = metrics.length + 1;
  hooks.onStart?.({ epochs: cfg.epochs, startEpoch, batches: trainLoader.length, samples: source.train.length, source, resumedFrom });
  for (let epoch = startEpoch; epoch <= cfg.epochs; epoch++) {
    const t0 = performance.now();
    hooks.onEpochStart?.(epoch);
    model.train();
    let lossSum = 0, seen = 0, batch = 0;
    for (const [x, y] of trainLoader) {
      const l = step(x, y).item();
      lossSum += l * y.shape[0];
      seen += y.shape[0];
      hooks.onBatch?.(epoch, ++batch, seen, l);
    }
    const test = evaluate(evalModel, testLoader);
    const m: EpochMetrics = { epoch, trainLoss: lossSum / seen, testLoss: test.loss, testAccuracy: test.accuracy, seconds: (performance.now() - t0) / 1000 };
    metrics.push(m);
    save(model.stateDict(), files.weights);
    save({ config: pick(cfg), epoch, model: model.stateDict(), optimizer: opt.stateDict(), rng: getRngState(), metrics }, files.checkpoint);
    writeFileAtomic(files.metrics, metricsCsv(metrics));
    writeFileAtomic(files.plot, await plotMetrics(metrics, plotLabels(cfg, source)));
    hooks.onEpochEnd?.(m);
  }
  void trainLoader.close();
  return { model, metrics, epochsRun: Math.max(0, cfg.epochs - startEpoch + 1), files };
}

/** The plot's title and run line. */
function plotLabels(cfg: TrainConfig, source: DataSource): PlotLabels {
  return {
    title: `${cfg.model} on ${source.name}`,
    run: `run ${cfg.out}: ${cfg.optimizer} lr ${cfg.lr}, momentum ${cfg.momentum}, batch ${cfg.batchSize}, seed ${cfg.seed}`,
  };
}

function pick(cfg: TrainConfig): Record<string, unknown> {
  return Object.fromEntries(SAME_ON_RESUME.map((k) => [k, cfg[k] ?? null]));
}
