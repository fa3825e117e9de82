/**
 * `npm run bench`: throughput of the active backend's kernels, so later backends can show their
 * gains: GEMM GFLOP/s (float32, square sizes), elementwise and reduction GB/s (bytes read + written).
 * Timings repeat each kernel until half a second has passed and report the best run.
 */
import { backend, binary, Generator, NDArray, randn, reduce, unary } from '../packages/tensor/src';

const gen = new Generator(0);

function time(fn: () => void, minSeconds = 0.5): number {
  fn(); // warm up (and compile the loop)
  let best = Infinity;
  const start = performance.now();
  while (performance.now() - start < minSeconds * 1000) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

function row(name: string, value: number, unit: string): void {
  console.log(`${name.padEnd(44)} ${value.toFixed(2).padStart(9)} ${unit}`);
}

console.log(`backend: ${backend().name}`);
for (const n of [64, 128, 256, 512]) {
  const a = randn([n, n], 'float32', gen);
  const b = randn([n, n], 'float32', gen);
  const c = NDArray.empty([n, n], 'float32');
  const s = time(() => backend().gemm(n, n, n, a.data, 0, n, 1, b.data, 0, n, 1, c.data, 0, n, false));
  row(`gemm ${n}x${n}x${n} float32`, (2 * n * n * n) / s / 1e9, 'GFLOP/s');
}

const N = 1 << 20;
const x = randn([N], 'float32', gen);
const y = randn([N], 'float32', gen);
const m = randn([1024, 1024], 'float32', gen);
const bias = randn([1024], 'float32', gen);
const gb = (bytes: number, s: number) => bytes / s / 1e9;
row('add 1M float32 (contiguous)', gb(12 * N, time(() => binary('add', x, y))), 'GB/s');
row('add 1024x1024 + 1024 float32 (broadcast)', gb(8 * N, time(() => binary('add', m, bias))), 'GB/s');
row('mul 1024x1024 float32, transposed operand', gb(12 * N, time(() => binary('mul', m, m.transpose(0, 1)))), 'GB/s');
row('relu 1M float32', gb(8 * N, time(() => unary('relu', x))), 'GB/s');
row('exp 1M float32', gb(8 * N, time(() => unary('exp', x))), 'GB/s');
row('sum 1M float32', gb(4 * N, time(() => reduce('sum', x, null))), 'GB/s');
row('sum over dim 0 of 1024x1024 float32', gb(4 * N, time(() => reduce('sum', m, 0))), 'GB/s');
