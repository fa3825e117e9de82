/** Runs bench/pytorch_lenet.py as a child process when Debian's python3-torch is installed. */
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import type { ModelTimes } from './lenet';

const PYTHON = '/usr/bin/python3';

export function torchAvailable(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

/** PyTorch's times for the same work at `threads` threads, or null without torch. */
export function timePyTorch(threads: number, seconds: number): (Omit<ModelTimes, `compiled${string}`> & { torch: string }) | null {
  if (!torchAvailable()) return null;
  const out = execFileSync(PYTHON, [path.join(__dirname, 'pytorch_lenet.py'), String(threads), String(seconds)], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').pop()!);
  return {
    torch: r.torch,
    trainSamplesPerS: r.train_samples_per_s,
    inferSamplesPerS: r.infer_samples_per_s,
    inferBatch1Ms: r.infer_batch1_ms,
    convFwdMs: r.conv_fwd_ms,
    convFwdBwdMs: r.conv_fwd_bwd_ms,
  };
}
