/** Runs bench/pytorch_lenet.py as a child process when Debian's python3-torch is installed. */
import { spawnSync } from 'child_process';
import { childJson } from './child';
import * as path from 'path';
import type { ModelTimes } from './lenet';
import type { SequenceSizes, SequenceTimes } from './sequence';

const PYTHON = '/usr/bin/python3';

export function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** PyTorch's times for the same work at `threads` threads, or null without torch. */
export function timePyTorch(threads: number, seconds: number): (Omit<ModelTimes, `compiled${string}`> & { torch: string }) | null {
  if (!torchAvailable()) return null;
  const r = childJson<Record<string, number> & { torch: string }>(PYTHON, [path.join(__dirname, 'pytorch_lenet.py'), String(threads), String(seconds)]);
  return {
    torch: r.torch,
    trainSamplesPerS: r.train_samples_per_s,
    inferSamplesPerS: r.infer_samples_per_s,
    inferBatch1Ms: r.infer_batch1_ms,
    convFwdMs: r.conv_fwd_ms,
    convFwdBwdMs: r.conv_fwd_bwd_ms,
  };
}

/** PyTorch's times for the sequence benchmarks (bench/pytorch_sequence.py) at these sizes, or null without torch. */
export function timePyTorchSequence(threads: number, seconds: number, sizes: SequenceSizes): SequenceTimes | null {
  if (!torchAvailable()) return null;
  const r = childJson<Record<string, number>>(PYTHON, [path.join(__dirname, 'pytorch_sequence.py'), String(threads), String(seconds), JSON.stringify(sizes)]);
  return { lstmTrainMs: r.lstm_train_ms, encoderTrainMs: r.encoder_train_ms };
}
