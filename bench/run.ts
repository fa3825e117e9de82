/**
 * `npm run bench`: cresset against PyTorch 1.13 (the same LeNet training step, inference and
 * Conv2d(3, 7, 5) forward + backward, run as a child process, when `/usr/bin/python3` has torch)
 * and against onnxruntime-node (inference on the LeNet cresset exports), an LSTM and a
 * TransformerEncoder training step against PyTorch (bench/sequence.ts), torch.models' mobile
 * networks against onnxruntime-node (bench/mobile.ts), at 1 thread and at the
 * default thread count; one Fashion-MNIST epoch of `cresset train` against PyTorch's; then GEMM
 * GFLOP/s, elementwise GB/s and the peak RSS of 5 training epochs.
 * cresset's LeNet rows, the Fashion-MNIST epoch and the RSS run each run in a process of their
 * own, as PyTorch's do.
 * Options: --threads N (instead of 1 and the default), --seconds S per measurement (default 1).
 */
import * as torch from 'cresset';
import { backend } from '@cresset/tensor';
import { nodeJson } from './child';
import { elementwiseRows, gemmGflops, row } from './kernels';
import { timeFashionMnistEpoch } from './fashion_mnist';
import type { ModelTimes } from './lenet';
import { timeOnnxRuntime } from './onnxruntime';
import { timePyTorch, timePyTorchSequence } from './pytorch';
import { timeMobile } from './mobile';
import { resnetDir, timeResNet } from './resnet';
import { SEQUENCE_SIZES, timeSequence } from './sequence';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const seconds = option('seconds', 1);
const defaultThreads = torch.getNumThreads();
const threadCounts = process.argv.includes('--threads') ? [option('threads', 1)] : [...new Set([1, defaultThreads])];
const f = (v: number, digits = 0) => v.toFixed(digits);
const ratio = (ours: number, theirs: number | undefined) => (theirs ? `${(ours / theirs).toFixed(2)}x` : 'n/a');

async function compare(threads: number, resnet: string): Promise<void> {
  torch.setNumThreads(threads);
  const ours = nodeJson<ModelTimes>('lenet.ts', [String(threads), String(seconds)]);
  const pt = timePyTorch(threads, seconds);
  const ort = await timeOnnxRuntime(threads, seconds);
  console.log(`\n${threads} thread(s)        cresset (${backend().name}) | PyTorch ${pt?.torch ?? '(not installed)'} | onnxruntime-node | cresset/other`);
  const line = (name: string, c: number, other: number | undefined, unit: string, digits: number, higherIsBetter = true) =>
    row(name, `${f(c, digits)} | ${other === undefined ? 'n/a' : f(other, digits)}`, `${unit}  ${higherIsBetter ? ratio(c, other) : ratio(other ?? 0, c)}`);
  line('LeNet train step, batch 64 (vs PyTorch)', ours.trainSamplesPerS, pt?.trainSamplesPerS, 'samples/s', 0);
  line('LeNet train step, batch 64, compiled (vs PyTorch)', ours.compiledTrainSamplesPerS, pt?.trainSamplesPerS, 'samples/s', 0);
  line('LeNet inference, batch 64 (vs PyTorch)', ours.inferSamplesPerS, pt?.inferSamplesPerS, 'samples/s', 0);
  line('LeNet inference, batch 64 (vs onnxruntime)', ours.inferSamplesPerS, ort.inferSamplesPerS, 'samples/s', 0);
  line('LeNet inference, batch 64, compiled (vs onnxruntime)', ours.compiledInferSamplesPerS, ort.inferSamplesPerS, 'samples/s', 0);
  line('LeNet inference latency, batch 1 (vs onnxruntime)', ours.inferBatch1Ms, ort.inferBatch1Ms, 'ms (speed)', 3, false);
  line('LeNet inference latency, batch 1, compiled (vs onnxruntime)', ours.compiledInferBatch1Ms, ort.inferBatch1Ms, 'ms (speed)', 3, false);
  line('Conv2d(3,7,5) 32x3x128x128 forward (vs PyTorch)', ours.convFwdMs, pt?.convFwdMs, 'ms (speed)', 1, false);
  line('Conv2d(3,7,5) forward + backward (vs PyTorch)', ours.convFwdBwdMs, pt?.convFwdBwdMs, 'ms (speed)', 1, false);
  console.log(`  (onnx file from ${ort.exporter})`);
  const seq = timeSequence(seconds);
  const ptSeq = timePyTorchSequence(threads, seconds, SEQUENCE_SIZES);
  line('LSTM 2x256, seq 64, batch 32 train step (vs PyTorch)', seq.lstmTrainMs, ptSeq?.lstmTrainMs, 'ms (speed)', 1, false);
  line('TransformerEncoder 4x256/8 heads, seq 128, batch 16 train step (vs PyTorch)', seq.encoderTrainMs, ptSeq?.encoderTrainMs, 'ms (speed)', 1, false);
  for (const m of await timeMobile(threads, seconds)) {
    line(`${m.name} 224x224 forward, batch 1 (vs onnxruntime)`, m.forwardMs, m.ortForwardMs, 'ms (speed)', 1, false);
    line(`${m.name} 224x224 forward, batch 1, compiled (vs onnxruntime)`, m.compiledForwardMs, m.ortForwardMs, 'ms (speed)', 1, false);
  }
  const rn = await timeResNet(threads, seconds, resnet);
  if (!rn) {
    console.log('  resnet18: skipped (no python3-torchvision)');
    return;
  }
  line('resnet18 224x224 forward, batch 1 (vs onnxruntime)', rn.forwardMs, rn.ortForwardMs, 'ms (speed)', 1, false);
  line('resnet18 224x224 forward, batch 1, compiled (vs onnxruntime)', rn.compiledForwardMs, rn.ortForwardMs, 'ms (speed)', 1, false);
  line('resnet18 forward, compile backend onnxruntime (vs onnxruntime)', rn.ortBackendForwardMs, rn.ortForwardMs, 'ms (speed)', 1, false);
  line('resnet18 224x224 forward, batch 1 (vs PyTorch)', rn.forwardMs, rn.torchForwardMs, 'ms (speed)', 1, false);
  line('resnet18 224x224 train step, batch 8 (vs PyTorch)', rn.trainSamplesPerS, rn.torchTrainSamplesPerS, 'samples/s', 2);
  line('resnet18 224x224 train step, batch 8, compiled (vs PyTorch)', rn.compiledTrainSamplesPerS, rn.torchTrainSamplesPerS, 'samples/s', 2);
  line('torch.models.resnet18, 10 classes, 3x32x32 train step, batch 64 (vs PyTorch)', rn.cifarTrainSamplesPerS, rn.torchCifarTrainSamplesPerS, 'samples/s', 1);
  line('the same, compiled (vs PyTorch)', rn.compiledCifarTrainSamplesPerS, rn.torchCifarTrainSamplesPerS, 'samples/s', 1);
  console.log('  (resnet18: torchvision 0.14, exported by PyTorch, imported by torch.onnx.load; BatchNorm folded by the exporter)');
}

async function main(): Promise<void> {
  console.log(`cresset benchmarks: backend ${backend().name}, default threads ${defaultThreads}, ${seconds}s per measurement`);
  const rn = resnetDir();
  try {
    for (const t of threadCounts) await compare(t, rn.dir);
  } finally {
    rn.cleanup();
  }

  const fm = timeFashionMnistEpoch(defaultThreads);
  console.log(`\nFashion-MNIST, one epoch of \`cresset train\` (data, training and evaluation), ${defaultThreads} thread(s)`);
  if (!fm) console.log('  skipped (no dataset-fashion-mnist)');
  else {
    row('cresset, compiled', `${f(fm.seconds, 1)} s`, `test accuracy ${(100 * fm.accuracy).toFixed(2)}%`);
    row('cresset, --no-compile', `${f(fm.eagerSeconds, 1)} s`, '');
    if (fm.torchSeconds !== null) row('PyTorch, the same recipe', `${f(fm.torchSeconds, 1)} s`, `test accuracy ${(100 * fm.torchAccuracy!).toFixed(2)}%; cresset takes ${(fm.seconds / fm.torchSeconds).toFixed(2)}x its time`);
  }

  console.log('\nkernels');
  for (const t of threadCounts) {
    torch.setNumThreads(t);
    for (const n of [128, 256, 512]) row(`gemm ${n}x${n}x${n} float32, ${t} thread(s)`, f(gemmGflops(n, seconds / 2), 1), 'GFLOP/s');
  }
  torch.setNumThreads(defaultThreads);
  elementwiseRows(seconds / 2);

  console.log('\nmemory: 5 epochs of LeNet training (50 batches of 64 each), own process');
  const mem = nodeJson<{ rssMB: number[]; peakMB: number }>('memory.ts', [String(defaultThreads)]);
  row('RSS after each epoch', mem.rssMB.map((v) => f(v)).join(' '), 'MB');
  row('peak RSS (after any step)', f(mem.peakMB), 'MB');
  row('growth from epoch 2 to epoch 5', `${f(mem.rssMB[4] - mem.rssMB[1])} MB (${f((100 * (mem.rssMB[4] - mem.rssMB[1])) / mem.rssMB[1], 1)}%)`, 'target: under 5%');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
