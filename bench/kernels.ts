/**
 * Throughput of the active backend's kernels: GEMM GFLOP/s (float32, square sizes), elementwise
 * and reduction GB/s (bytes read + written). Each kernel repeats for a while; the best run counts.
 */
import { backend, binary, Generator, NDArray, randn, reduce, unary } from '@cresset/tensor';
import { bestSeconds } from './timing';

const gen = new Generator(0);

export function row(name: string, value: string, unit = ''): void {
  console.log(`  ${name.padEnd(52)} ${value.padStart(12)} ${unit}`);
}

/** GEMM n x n x n GFLOP/s of the active backend at its current thread count. */
export function gemmGflops(n: number, seconds: number): number {
  const a = randn([n, n], 'float32', gen);
  const b = randn([n, n], 'float32', gen);
  const c = NDArray.empty([n, n], 'float32');
  const s = bestSeconds(() => backend().gemm(n, n, n, a.data, 0, n, 1, b.data, 0, n, 1, c.data, 0, n, false), seconds);
  return (2 * n * n * n) / s / 1e9;
}

export function elementwiseRows(seconds: number): void {
  const N = 1 << 20;
  const x = randn([N], 'float32', gen);
  const y = randn([N], 'float32', gen);
  const m = randn([1024, 1024], 'float32', gen);
  const bias = randn([1024], 'float32', gen);
  const gb = (bytes: number, fn: () => void) => (bytes / bestSeconds(fn, seconds) / 1e9).toFixed(2);
  row('add 1M float32 (contiguous)', gb(12 * N, () => binary('add', x, y)), 'GB/s');
  row('add 1024x1024 + 1024 float32 (broadcast)', gb(8 * N, () => binary('add', m, bias)), 'GB/s');
  row('mul 1024x1024 float32, transposed operand', gb(12 * N, () => binary('mul', m, m.transpose(0, 1))), 'GB/s');
  row('relu 1M float32', gb(8 * N, () => unary('relu', x)), 'GB/s');
  row('exp 1M float32', gb(8 * N, () => unary('exp', x)), 'GB/s');
  row('sum 1M float32', gb(4 * N, () => reduce('sum', x, null)), 'GB/s');
  row('sum over dim 0 of 1024x1024 float32', gb(4 * N, () => reduce('sum', m, 0)), 'GB/s');
}
