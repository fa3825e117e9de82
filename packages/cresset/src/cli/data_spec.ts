/**
 * The `--data` argument of `cresset train`: `synthetic` (the embedded CIFAR-like dataset, written
 * once to ./data/synthetic-cifar10 or under --cache), `cifar10:DIR` (the official binary version) or `fashion-mnist:DIR` /
 * `mnist:DIR` (IDX files, gzipped or not). Each gives train and test sets, normalised as usual for
 * that data, and the LeNet options that fit its images.
 */
import * as path from 'path';
import * as data from '@cresset/data';
import { ValueError } from '@cresset/tensor';
import type { LeNetOptions } from '../models';

const { datasets, transforms } = data;

export type Sample = [import('@cresset/autograd').Tensor, unknown];

export interface DataSource {
  name: string;
  train: data.Dataset<Sample>;
  test: data.Dataset<Sample>;
  /** Image shape (C, H, W). */
  imageShape: [number, number, number];
  model: LeNetOptions;
}

/** Where the embedded dataset is written unless told: ./data, as torchvision's tutorials keep datasets. */
export const DEFAULT_CACHE_DIR = 'data';

const first = <T>(ds: data.Dataset<T>, n: number | undefined) =>
  n === undefined || n >= ds.length ? ds : new data.Subset(ds, Array.from({ length: n }, (_, i) => i));

export interface DataSpecOptions {
  /** Folder for the embedded dataset (default: ./data). */
  cacheDir?: string;
  /** Use only the first n training / test samples (quick runs). */
  limitTrain?: number;
  limitTest?: number;
}

/** Resolves a `--data` argument into datasets. */
export function resolveData(spec: string, opts: DataSpecOptions = {}): DataSource {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const dir = colon < 0 ? '' : spec.slice(colon + 1);
  const needDir = () => {
    if (!dir) throw new ValueError(`--data ${spec}: expected ${kind}:DIR, the folder holding the files`);
    return dir;
  };
  let train: data.Dataset<Sample>, test: data.Dataset<Sample>;
  let imageShape: [number, number, number];
  let model: LeNetOptions;
  if (kind === 'synthetic' || kind === 'cifar10') {
    const root = kind === 'synthetic' ? datasets.ensureSyntheticCifar(path.join(opts.cacheDir ?? DEFAULT_CACHE_DIR, 'synthetic-cifar10')) : needDir();
    // the synthetic set is centred on grey like PyTorch's CIFAR-10 tutorial; CIFAR-10 uses its own statistics
    const norm = kind === 'synthetic' ? new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]) : new transforms.Normalize([0.4914, 0.4822, 0.4465], [0.247, 0.2435, 0.2616]);
    train = new datasets.CIFAR10(root, { train: true, transform: norm }) as data.Dataset<Sample>;
    test = new datasets.CIFAR10(root, { train: false, transform: norm }) as data.Dataset<Sample>;
    imageShape = [3, 32, 32];
    model = { inChannels: 3, padding: 0 };
  } else if (kind === 'fashion-mnist' || kind === 'mnist') {
    const Ctor = kind === 'mnist' ? datasets.MNIST : datasets.FashionMNIST;
    const norm = kind === 'mnist' ? new transforms.Normalize([0.1307], [0.3081]) : new transforms.Normalize([0.286], [0.353]);
    train = new Ctor(needDir(), { train: true, transform: norm }) as data.Dataset<Sample>;
    test = new Ctor(dir, { train: false, transform: norm }) as data.Dataset<Sample>;
    imageShape = [1, 28, 28];
    model = { inChannels: 1, padding: 2 };
  } else {
    throw new ValueError(`--data ${spec}: unknown dataset "${kind}"; expected synthetic, cifar10:DIR, fashion-mnist:DIR or mnist:DIR`);
  }
  return { name: kind, train: first(train, opts.limitTrain), test: first(test, opts.limitTest), imageShape, model };
}

/** The training set of a `--data` argument: what a DataLoader worker thread rebuilds (see train.ts). */
export function trainDatasetFor(spec: string, opts: DataSpecOptions = {}): data.Dataset<Sample> {
  return resolveData(spec, opts).train;
}

/** The compiled form of this module, which worker threads load (under jest the sources run from src/). */
export const DATA_SPEC_MODULE = path.join(__dirname, __filename.endsWith('.ts') ? '../../dist/cli' : '.', 'data_spec.js');
