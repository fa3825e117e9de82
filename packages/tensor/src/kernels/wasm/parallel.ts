/**
 * Splitting one GEMM over the thread pool: C is cut into column blocks (or row blocks when it is
 * tall and narrow), each a GEMM of its own with its own packing scratch. Small products stay on
 * the calling thread, where waking workers would cost more than it saves.
 */
import type { Task } from '../threads';

/** Below this many flops (2MNK) a GEMM runs on one thread. */
export const PARALLEL_MIN_FLOPS = 1 << 21;
/** Column blocks are multiples of the micro-kernel width, row blocks of its height. */
export const NR = 8;
export const MR = 4;

/** From this many elements of work, memory-bound kernels (pooling, elementwise, reductions) are shared out. */
export const PARALLEL_MIN_ELEMENTS = 1 << 16;
/** Tasks per thread of a shared-out memory-bound call: queued by the pool, so a slower thread takes fewer. */
export const TASKS_PER_THREAD = 4;

/** How many tasks a call of `work` elements over `units` independent units is cut into. */
export function taskCount(threads: number, work: number, units: number): number {
  return work < PARALLEL_MIN_ELEMENTS || threads < 2 ? 1 : Math.max(1, Math.min(threads * TASKS_PER_THREAD, units));
}

/** Cuts n into at most `parts` blocks that are multiples of `unit` (the last takes the rest). */
export function blocks(n: number, parts: number, unit: number): [number, number][] {
  const size = Math.max(unit, Math.ceil(n / parts / unit) * unit);
  const out: [number, number][] = [];
  for (let s = 0; s < n; s += size) out.push([s, Math.min(size, n - s)]);
  return out;
}

/** The per-thread tasks of C[M,N] (+)= A B with byte addresses a, b, c and element strides. */
export function gemmTasks(
  threads: number, packs: readonly number[],
  M: number, N: number, K: number,
  a: number, aRs: number, aCs: number,
  b: number, bRs: number, bCs: number,
  c: number, ldc: number, accumulate: boolean,
): Task[] {
  const acc = accumulate ? 1 : 0;
  if (threads <= 1 || 2 * M * N * K < PARALLEL_MIN_FLOPS) {
    return [{ op: 'gemm', args: [M, N, K, a, aRs, aCs, b, bRs, bCs, c, ldc, acc, packs[0]] }];
  }
  if (N >= M || N >= NR * threads) {
    return blocks(N, threads, NR).map(([j, n], t) => ({
      op: 'gemm', args: [M, n, K, a, aRs, aCs, b + 4 * j * bCs, bRs, bCs, c + 4 * j, ldc, acc, packs[t]],
    }));
  }
  return blocks(M, threads, MR).map(([i, m], t) => ({
    op: 'gemm', args: [m, N, K, a + 4 * i * aRs, aRs, aCs, b, bRs, bCs, c + 4 * i * ldc, ldc, acc, packs[t]],
  }));
}
