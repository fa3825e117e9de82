/**
 * The wasm backend against the reference backend (the oracle), for every wasm variant this Node
 * runs: GEMM on random odd shapes, transposed / sliced / broadcast operands and SIMD tails, and
 * im2col / col2im on random 1-d, 2-d and 3-d geometries with stride, padding and dilation.
 */
import {
  Backend, convBackwardInput, convBackwardWeight, convForward, ConvGeometry, Generator, loadWasmBackend, NDArray,
  randn, referenceBackend as ref, setBackend, backend, WasmVariant, getNumThreads, setNumThreads, ValueError,
} from '../src';
import { blocks, gemmTasks } from '../src/kernels/wasm/parallel';
import { claim, CLAIMED, SLOT_INTS } from '../src/kernels/threads/protocol';
import { GEOMETRY_FIELDS, KERNEL_EXPORTS, POOL_OPS } from '../src/kernels/wasm/kernel_exports';
import { compileVariant, WasmRuntime } from '../src/kernels/wasm/runtime';

const gen = new Generator(11);
const variants: WasmVariant[] = ['simd', 'relaxed-simd'];
const loaded = variants.map((v) => [v, loadWasmBackend([v])] as const);
const defaultThreads = getNumThreads();
afterAll(() => setNumThreads(defaultThreads));

test.each(variants)('the %s module exports exactly the functions of the seam table, with its arities', (variant) => {
  const module = compileVariant(variant);
  if (!module) return expect(variant).toBe('relaxed-simd'); // the plain SIMD module must always load
  const exports = new WasmRuntime(module, variant).exports as unknown as Record<string, { length: number }>;
  const fns = Object.keys(exports).filter((k) => typeof exports[k] === 'function').sort();
  expect(fns).toEqual(Object.keys(KERNEL_EXPORTS).sort());
  for (const [name, e] of Object.entries(KERNEL_EXPORTS)) expect([name, exports[name].length]).toEqual([name, e.params.length]);
  expect(POOL_OPS).toContain('convForward');
  expect((exports.geometryInts as unknown as () => number)()).toBe(GEOMETRY_FIELDS.length);
  expect(POOL_OPS).not.toContain('packDirectWeights');
});

test('the plain SIMD module is built and loads', () => {
  expect(loaded[0][1]?.name).toBe('wasm-simd');
});

/** A random integer in [lo, hi]. */
const rint = (lo: number, hi: number) => lo + (gen.random() % (hi - lo + 1));

/**
 * |c - ref| <= K * 2^-23 * sum_k |a_ik b_kj| + tiny: the float32 recursive-summation bound
 * (the reference accumulates in double), so any indexing mistake shows as an O(1) error.
 */
function expectGemmClose(M: number, N: number, K: number, absProd: Float64Array, got: Float32Array, want: Float32Array, cOff: number, ldc: number): void {
  let worst = 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const idx = cOff + i * ldc + j;
      const bound = (K + 2) * 2 ** -23 * absProd[i * N + j] + 1e-30;
      worst = Math.max(worst, Math.abs(got[idx] - want[idx]) / bound);
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

describe.each(loaded)('%s backend', (variant, wasm) => {
  const be = wasm as Backend;
  if (!wasm) {
    test.skip(`${variant} does not run on this Node`, () => undefined);
    return;
  }

  describe('gemm', () => {
    type Layout = 'plain' | 'transA' | 'transB' | 'both' | 'slices' | 'broadcastB';
    const layouts: Layout[] = ['plain', 'transA', 'transB', 'both', 'slices', 'broadcastB'];
    const shapes: [number, number, number][] = [
      [1, 1, 1], [3, 5, 7], [4, 8, 1], [5, 9, 0], [13, 17, 31], [6, 784, 75], [64, 120, 400], [9, 2051, 3],
      // up to four rows as dot products (transB): a linear layer at batch 1, tails past 8 columns and 4 deep
      [1, 120, 400], [3, 13, 67], [4, 9, 16],
      ...Array.from({ length: 6 }, () => [rint(1, 70), rint(1, 90), rint(1, 300)] as [number, number, number]),
    ];
    const cases = shapes.flatMap((s) => layouts.map((l) => [...s, l] as const));
    // one product past every cache block (MC = 128 rows, NC = 1024 columns, KC = 256 depth)
    cases.push([129, 1025, 257, 'plain'], [129, 1025, 257, 'both']);
    test.each(cases)('%ix%ix%i %s', (M, N, K, layout) => {
      // A, B as strided windows into larger buffers; C written at an offset with a row gap
      const pad = layout === 'slices' ? 3 : 0;
      const aData = randn([(M + pad) * (K + pad) + 5], 'float32', gen).data as Float32Array;
      const bData = randn([(K + pad) * (N + pad) + 5], 'float32', gen).data as Float32Array;
      let [aOff, aRs, aCs] = [2, K + pad, 1];
      let [bOff, bRs, bCs] = [1, N + pad, 1];
      if (layout === 'transA' || layout === 'both') [aRs, aCs] = [1, M + pad];
      if (layout === 'transB' || layout === 'both') [bRs, bCs] = [1, K + pad];
      if (layout === 'broadcastB') [bRs, bCs] = [1, 0]; // B[k, j] = b[k] for every column j
      const ldc = N + (layout === 'slices' ? 2 : 0);
      const cOff = 3;
      const absProd = new Float64Array(M * N);
      for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += Math.abs(aData[aOff + i * aRs + k * aCs] * bData[bOff + k * bRs + j * bCs]);
        absProd[i * N + j] = s;
      }
      for (const accumulate of [false, true]) {
        const init = randn([cOff + M * ldc + 2], 'float32', gen).data as Float32Array;
        const want = init.slice();
        const got = init.slice();
        ref.gemm(M, N, K, aData, aOff, aRs, aCs, bData, bOff, bRs, bCs, want, cOff, ldc, accumulate);
        be.gemm(M, N, K, aData, aOff, aRs, aCs, bData, bOff, bRs, bCs, got, cOff, ldc, accumulate);
        const accBound = accumulate ? Float64Array.from(absProd, (v, i) => v + Math.abs(init[cOff + Math.floor(i / N) * ldc + (i % N)])) : absProd;
        expectGemmClose(M, N, K, accBound, got, want, cOff, ldc);
        // the gaps between C's rows and around it are untouched
        let changedOutside = 0;
        for (let i = 0; i < got.length; i++) {
          const inside = i >= cOff && Math.floor((i - cOff) / ldc) < M && (i - cOff) % ldc < N;
          if (!inside && !Object.is(got[i], init[i])) changedOutside++;
        }
        expect(changedOutside).toBe(0);
      }
    });

    test('float64 and integer products stay exact (reference path)', () => {
      const A = new Float64Array([1, 2, 3, 4]);
      const C = new Float64Array(4);
      be.gemm(2, 2, 2, A, 0, 2, 1, A, 0, 2, 1, C, 0, 2, false);
      expect(Array.from(C)).toEqual([7, 10, 15, 22]);
      // 8193^2 + 1 is not a float32, so a float32 path would round it
      const I = new Int32Array([8193, 1, 1, 1]);
      const D = new Int32Array(4);
      be.gemm(2, 2, 2, I, 0, 2, 1, I, 0, 2, 1, D, 0, 2, false);
      expect(Array.from(D)).toEqual([8193 * 8193 + 1, 8194, 8194, 2]);
    });
  });

  describe('im2col / col2im', () => {
    const randomGeometry = (nd: number): ConvGeometry => {
      const kernel = Array.from({ length: nd }, () => rint(1, 4));
      const dilation = Array.from({ length: nd }, () => rint(1, 2));
      const padding = kernel.map((k) => rint(0, k));
      const stride = Array.from({ length: nd }, () => rint(1, 3));
      const inSize = kernel.map((k, d) => rint(Math.max(1, dilation[d] * (k - 1) + 1 - 2 * padding[d]), nd === 3 ? 7 : 13));
      const outSize = inSize.map((L, d) => Math.floor((L + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d]) + 1);
      return { channels: rint(1, 4), inSize, kernel, outSize, stride, padding, dilation };
    };
    const geoms = [1, 2, 3].flatMap((nd) => Array.from({ length: 8 }, () => randomGeometry(nd)));
    geoms.push({ channels: 3, inSize: [32, 32], kernel: [5, 5], outSize: [28, 28], stride: [1, 1], padding: [0, 0], dilation: [1, 1] });
    test.each(geoms.map((g) => [JSON.stringify(g), g] as const))('%s', (_name, g) => {
      const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);
      const imgN = g.channels * prod(g.inSize);
      const colN = g.channels * prod(g.kernel) * prod(g.outSize);
      const src = randn([imgN + 4], 'float32', gen).data as Float32Array;
      const want = new Float32Array(colN).fill(NaN);
      const got = new Float32Array(colN).fill(NaN);
      ref.im2col(g, src, 4, want);
      be.im2col(g, src, 4, got);
      expect(Array.from(got)).toEqual(Array.from(want));
      // col2im adds into what is there; each image element receives its taps in the same order
      const cols = randn([colN], 'float32', gen).data as Float32Array;
      const base = randn([imgN + 3], 'float32', gen).data as Float32Array;
      const dWant = base.slice();
      const dGot = base.slice();
      ref.col2im(g, cols, dWant, 3);
      be.col2im(g, cols, dGot, 3);
      expect(Array.from(dGot)).toEqual(Array.from(dWant));
    });
  });

  describe('elementwise', () => {
    // [shape, strides of a, strides of b]: contiguous, a bias row, a scalar, rows with gaps, a transposed (reference) case
    const layouts: [number[], number[], number[]][] = [
      [[1003], [1], [1]], [[37, 120], [120, 1], [0, 1]], [[64, 10], [10, 1], [0, 0]], [[9, 70], [75, 1], [80, 1]],
      [[33, 17], [1, 33], [17, 1]], [[2, 3, 50], [150, 50, 1], [0, 50, 1]], [[5], [1], [1]],
      // an outer dim over rows: a per-channel value broadcast over [N, C, H*W] (BatchNorm), either side, and rows with gaps
      [[4, 6, 50], [300, 50, 1], [0, 1, 0]], [[5, 4, 30], [0, 1, 0], [120, 30, 1]], [[3, 5, 40], [400, 80, 1], [0, 1, 0]],
    ];
    const span = (shape: number[], strides: number[]) => 1 + shape.reduce((acc, n, d) => acc + (n - 1) * strides[d], 0);
    const sample = (n: number) => {
      const v = randn([n], 'float32', gen).data as Float32Array;
      v[0] = NaN; v[1] = 0; v[2] = -0; if (n > 3) v[3] = Infinity;
      return v;
    };
    // [op, p, q]: bounds that float32 does not hold exactly, and ReLU6's
    const unaryOps = [['copy', 0, 0], ['relu', 0, 0], ['neg', 0, 0], ['exp', 0, 0], ['clamp', -0.37, 0.61], ['clamp', 0, 6], ['clamp', 0.5, -0.5],
      ['clampMin', 0.1, 0], ['clampMax', -0.2, 0], ['abs', 0, 0], ['sqrt', 0, 0], ['square', 0, 0]] as const;
    const binaryOps = ['add', 'sub', 'mul', 'div', 'addScaled', 'reluBackward', 'maximum'] as const;
    test.each(layouts)('shape %j, a strides %j, b strides %j: every op equals the reference exactly', (shape, as, bs) => {
      const n = shape.reduce((x, y) => x * y, 1);
      const a = { data: sample(span(shape, as) + 2), offset: 2, strides: as };
      const b = { data: sample(span(shape, bs) + 1), offset: 1, strides: bs };
      const outStrides = shape.map((_, d) => shape.slice(d + 1).reduce((x, y) => x * y, 1));
      const fresh = () => ({ data: new Float32Array(n + 3).fill(7), offset: 3, strides: outStrides });
      for (const [op, p, q] of unaryOps) {
        const [w, g] = [fresh(), fresh()];
        ref.unary(op, shape, a, w, p, q);
        be.unary(op, shape, a, g, p, q);
        expect([op, p, Array.from(g.data)]).toEqual([op, p, Array.from(w.data)]);
      }
      for (const op of binaryOps) {
        const [w, g] = [fresh(), fresh()];
        ref.binary(op, shape, a, b, w, -0.0123);
        be.binary(op, shape, a, b, g, -0.0123);
        expect([op, Array.from(g.data)]).toEqual([op, Array.from(w.data)]);
      }
    });
    test.each([[[300, 1000], [1000, 1], [0, 1]], [[200003], [1], [0]], [[3, 70001], [70001, 1], [70001, 1]], [[64, 16, 100], [1600, 100, 1], [0, 1, 0]]])('shape %j (a strides %j, b strides %j) shared out over 2 threads equals the reference exactly', (shape, as, bs) => {
      setNumThreads(2);
      const n = shape.reduce((x, y) => x * y, 1);
      const a = { data: sample(span(shape, as) + 1), offset: 1, strides: as };
      const b = { data: sample(span(shape, bs)), offset: 0, strides: bs };
      const outStrides = shape.map((_, d) => shape.slice(d + 1).reduce((x, y) => x * y, 1));
      const fresh = () => ({ data: new Float32Array(n), offset: 0, strides: outStrides });
      // bit for bit (NaN included), counted rather than deep-compared: the arrays are large
      const differing = (x: Float32Array, y: Float32Array) => {
        const [u, v] = [new Uint32Array(x.buffer), new Uint32Array(y.buffer)];
        let d = 0;
        for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) d++;
        return d;
      };
      for (const op of ['relu', 'neg', 'clamp'] as const) {
        const [w, g] = [fresh(), fresh()];
        ref.unary(op, shape, a, w, -0.37, 0.61);
        be.unary(op, shape, a, g, -0.37, 0.61);
        expect([op, differing(g.data, w.data)]).toEqual([op, 0]);
      }
      for (const op of ['addScaled', 'mul', 'reluBackward'] as const) {
        const [w, g] = [fresh(), fresh()];
        ref.binary(op, shape, a, b, w, -0.37);
        be.binary(op, shape, a, b, g, -0.37);
        expect([op, differing(g.data, w.data)]).toEqual([op, 0]);
      }
    });
    test('in place (out is a) and float64 operands', () => {
      const x = randn([300], 'float32', gen).data as Float32Array;
      const [w, g] = [x.slice(), x.slice()];
      const y = randn([300], 'float32', gen).data as Float32Array;
      ref.binary('addScaled', [300], { data: w, offset: 0, strides: [1] }, { data: y, offset: 0, strides: [1] }, { data: w, offset: 0, strides: [1] }, 0.1);
      be.binary('addScaled', [300], { data: g, offset: 0, strides: [1] }, { data: y, offset: 0, strides: [1] }, { data: g, offset: 0, strides: [1] }, 0.1);
      expect(Array.from(g)).toEqual(Array.from(w));
      const d = randn([300], 'float64', gen).data as Float64Array;
      const [dw, dg] = [new Float64Array(300), new Float64Array(300)];
      ref.unary('relu', [300], { data: d, offset: 0, strides: [1] }, { data: dw, offset: 0, strides: [1] });
      be.unary('relu', [300], { data: d, offset: 0, strides: [1] }, { data: dg, offset: 0, strides: [1] });
      expect(Array.from(dg)).toEqual(Array.from(dw));
    });
  });

  describe('max pooling', () => {
    // windows of pooling 2-d planes: kernel kxk, stride s, with padding taps dropped and an empty window
    const windowCases: [number, number, number, number, number][] = [[7, 9, 2, 2, 37], [12, 12, 3, 2, 300], [5, 4, 1, 1, 3]];
    test.each(windowCases)('%ix%i planes, kernel %i, stride %i, %i planes, NaN and ties: values and indices equal the reference', (H, W, kk, st, planes) => {
      const oh = Math.floor((H - kk) / st) + 1;
      const ow = Math.floor((W - kk) / st) + 1;
      const start = new Int32Array(oh * ow + 2);
      const taps: number[] = [];
      for (let i = 0; i < oh; i++) for (let j = 0; j < ow; j++) {
        for (let a = 0; a < kk; a++) for (let b = 0; b < kk; b++) taps.push((i * st + a) * W + j * st + b);
        start[i * ow + j + 1] = taps.length;
      }
      start[oh * ow + 1] = taps.length; // one more output whose window is empty
      const src = randn([planes * H * W + 5], 'float32', gen).data as Float32Array;
      for (let i = 0; i < src.length; i += 17) src[i] = NaN;
      for (let i = 3; i < src.length; i += 11) src[i] = src[i - 1]; // ties: the first one wins
      const oN = start.length - 1;
      const run = (be2: Backend) => {
        const v = new Float32Array(planes * oN);
        const ix = new Float64Array(planes * oN);
        be2.maxPool(planes, H * W, start, Int32Array.from(taps), src, 5, v, ix);
        return [Array.from(v), Array.from(ix)];
      };
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        expect(run(be)).toEqual(run(ref));
      }
    });
  });

  describe('max pooling over regular windows, its gradient, channel sums', () => {
    const randomWindows = (nd: number): ConvGeometry => {
      const kernel = Array.from({ length: nd }, () => rint(1, 4));
      const dilation = Array.from({ length: nd }, () => rint(1, 2));
      const padding = kernel.map((k) => rint(0, Math.floor(k / 2)));
      const stride = Array.from({ length: nd }, () => rint(1, 3));
      const inSize = kernel.map((k, d) => rint(Math.max(1, dilation[d] * (k - 1) + 1 - 2 * padding[d]), nd === 3 ? 7 : 19));
      const outSize = inSize.map((L, d) => Math.floor((L + 2 * padding[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d]) + 1);
      return { channels: 1, inSize, kernel, outSize, stride, padding, dilation };
    };
    const geoms = [1, 2, 3].flatMap((nd) => Array.from({ length: 7 }, () => randomWindows(nd)));
    geoms.push({ channels: 1, inSize: [28, 28], kernel: [2, 2], outSize: [14, 14], stride: [2, 2], padding: [0, 0], dilation: [1, 1] });
    // 2x2 stride 2 on odd sizes: floor, and ceil_mode's last window hanging over the edge
    geoms.push({ channels: 1, inSize: [7, 11], kernel: [2, 2], outSize: [3, 5], stride: [2, 2], padding: [0, 0], dilation: [1, 1] });
    geoms.push({ channels: 1, inSize: [7, 11], kernel: [2, 2], outSize: [4, 6], stride: [2, 2], padding: [0, 0], dilation: [1, 1] });
    geoms.push({ channels: 1, inSize: [112, 112], kernel: [3, 3], outSize: [56, 56], stride: [2, 2], padding: [1, 1], dilation: [1, 1] });
    const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);
    test.each(geoms.map((g) => [JSON.stringify(g), g] as const))('%s: values, indices (NaN, ties) and the gradient equal the reference', (_name, g) => {
      const planes = rint(1, 9);
      const inN = prod(g.inSize);
      const oN = prod(g.outSize);
      const src = randn([planes * inN + 3], 'float32', gen).data as Float32Array;
      for (let i = 5; i < src.length; i += 23) src[i] = NaN;
      for (let i = 4; i < src.length; i += 7) src[i] = src[i - 1]; // ties: the first one wins
      for (let i = 9; i < src.length; i += 31) src[i] = -Infinity;
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        const run = (b: Backend) => {
          const v = new Float32Array(planes * oN);
          const ix = new Float64Array(planes * oN);
          b.maxPoolWindows(g, planes, src, 3, v, ix);
          const grad = Float32Array.from({ length: planes * oN + 1 }, (_, i) => Math.cos(i));
          const dx = new Float32Array(planes * inN).fill(NaN);
          b.maxPoolBackward(planes, inN, oN, grad, 1, ix, 0, dx);
          return [Array.from(v), Array.from(ix), Array.from(dx)];
        };
        expect(run(be)).toEqual(run(ref));
      }
      // the same windows as tables (ops' adaptive path) give the same maxima
      const tap = (d: number, o: number) => Array.from({ length: g.kernel[d] }, (_, j) => o * g.stride[d] - g.padding[d] + j * g.dilation[d]).filter((x) => x >= 0 && x < g.inSize[d]);
      const start = [0];
      const taps: number[] = [];
      const pos = new Array<number>(g.inSize.length).fill(0);
      for (let o = 0; o < oN; o++) {
        let flat = [0];
        for (let d = 0; d < g.inSize.length; d++) flat = flat.flatMap((f) => tap(d, pos[d]).map((x) => f * g.inSize[d] + x));
        taps.push(...flat);
        start.push(taps.length);
        for (let d = g.inSize.length - 1; d >= 0; d--) { if (++pos[d] < g.outSize[d]) break; pos[d] = 0; }
      }
      const [v1, i1, v2, i2] = [new Float32Array(planes * oN), new Float64Array(planes * oN), new Float32Array(planes * oN), new Float64Array(planes * oN)];
      ref.maxPool(planes, inN, Int32Array.from(start), Int32Array.from(taps), src, 3, v1, i1);
      ref.maxPoolWindows(g, planes, src, 3, v2, i2);
      expect([Array.from(v2), Array.from(i2)]).toEqual([Array.from(v1), Array.from(i1)]);
    });
    test.each(geoms.filter((g) => g.dilation.every((d) => d === 1)).map((g) => [JSON.stringify(g), g] as const))('%s: average pooling, regular and adaptive, both directions, near the reference', (_name, g) => {
      const planes = rint(1, 6);
      const inN = prod(g.inSize);
      const oN = prod(g.outSize);
      const src = randn([planes * inN + 2], 'float32', gen).data as Float32Array;
      const grad = randn([planes * oN + 1], 'float32', gen).data as Float32Array;
      const divisors = Float64Array.from({ length: oN }, (_, i) => 1 + (i % 7));
      // adaptive pooling to a size no larger than the input
      const ga = { ...g, outSize: g.inSize.map((L) => rint(1, L)) };
      const aN = prod(ga.outSize);
      const aGrad = randn([planes * aN + 1], 'float32', gen).data as Float32Array;
      const close = (got: Float32Array, want: Float32Array) => {
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
        expect(worst).toBeLessThan(1e-5);
      };
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        const run = (b: Backend) => {
          const [f, bw, af, ab] = [new Float32Array(planes * oN), new Float32Array(planes * inN).fill(NaN), new Float32Array(planes * aN), new Float32Array(planes * inN).fill(NaN)];
          b.avgPoolWindows(g, planes, src, 2, divisors, f);
          b.avgPoolBackward(g, planes, grad, 1, divisors, bw);
          b.adaptiveAvgPool(ga, planes, src, 2, af);
          b.adaptiveAvgPoolBackward(ga, planes, aGrad, 1, ab);
          return [f, bw, af, ab];
        };
        const want = run(ref);
        run(be).forEach((got, i) => close(got, want[i]));
      }
    });
    test.each([[64, 6, 784], [3, 5, 7], [1, 16, 1], [2, 3, 0]])('channelSum over [%i, %i, %i] equals the double-precision sum', (outer, channels, inner) => {
      const src = randn([outer * channels * inner + 2], 'float32', gen).data as Float32Array;
      const want = new Float32Array(channels);
      const got = new Float32Array(channels);
      ref.channelSum(outer, channels, inner, src, 2, want);
      be.channelSum(outer, channels, inner, src, 2, got);
      for (let c = 0; c < channels; c++) expect(Math.abs(got[c] - want[c])).toBeLessThanOrEqual(2 ** -22 * Math.max(1, Math.abs(want[c])));
    });
  });

  describe('batch normalisation map', () => {
    test.each([[2, 5, 13], [1, 32, 196], [3, 4, 1], [2, 3, 0], [4, 16, 4096]])('channelNorm over [%i, %i, %i] gives the reference bits, with and without weight, bias and xhat', (outer, channels, inner) => {
      const n = outer * channels * inner;
      const x = randn([n + 3], 'float32', gen).data as Float32Array;
      const [mean, w, b] = [0, 1, 2].map(() => randn([channels], 'float32', gen).data as Float32Array);
      const std = Float32Array.from(randn([channels], 'float32', gen).data, (v) => Math.abs(v) + 0.1);
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        for (const [weight, bias, keep] of [[w, b, true], [null, b, false], [w, null, true], [null, null, false]] as const) {
          const run = (k: Backend) => {
            const y = new Float32Array(n).fill(NaN);
            const xhat = keep ? new Float32Array(n).fill(NaN) : null;
            k.channelNorm(outer, channels, inner, x, 3, mean, std, weight, bias, xhat, y);
            return [y, xhat];
          };
          const want = run(ref);
          const got = run(be);
          expect(got).toEqual(want);
          // spot check of the formula itself: each operation rounded to float32
          if (n > 0) {
            const h = Math.fround(Math.fround(x[3 + n - 1] - mean[channels - 1]) / std[channels - 1]);
            const v = weight ? Math.fround(h * weight[channels - 1]) : h;
            expect(want[0]![n - 1]).toBe(bias ? Math.fround(v + bias[channels - 1]) : v);
          }
        }
      }
    });
  });

  describe('batch normalisation gradients', () => {
    test.each([[2, 5, 13], [1, 32, 196], [3, 4, 1], [6, 16, 64]])('channelNormBackward over [%i, %i, %i] gives the reference bits, training and eval, with and without a weight', (outer, channels, inner) => {
      const n = outer * channels * inner;
      const gy = randn([n + 3], 'float32', gen).data as Float32Array;
      const xhat = randn([n], 'float32', gen).data as Float32Array;
      const w = randn([channels], 'float32', gen).data as Float32Array;
      const std = Float32Array.from(randn([channels], 'float32', gen).data, (v) => Math.abs(v) + 0.1);
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        for (const [weight, training, all] of [[w, true, true], [null, true, false], [w, false, true], [null, false, true]] as const) {
          const run = (k: Backend) => {
            const gx = new Float32Array(n).fill(NaN);
            const gw = all ? new Float32Array(channels).fill(NaN) : null;
            const gb = new Float32Array(channels).fill(NaN);
            k.channelNormBackward(outer, channels, inner, gy, 3, xhat, weight, std, training, gx, gw, gb);
            return [gx, gw, gb];
          };
          const want = run(ref);
          expect(run(be)).toEqual(want);
          // the bias gradient is the channel's sum of gy
          let s = 0;
          for (let a = 0; a < outer; a++) for (let b = 0; b < inner; b++) s += gy[3 + (a * channels) * inner + b];
          expect(want[2]![0]).toBe(Math.fround(s));
        }
      }
    });
  });

  describe('SGD update', () => {
    test.each([
      [{ momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }, 1003],
      [{ momentum: 0.85, dampening: 0.25, weightDecay: 3e-4, nesterov: false, maximize: true }, 70003],
      [{ momentum: 0.9, dampening: 0, weightDecay: 0.01, nesterov: true, maximize: false }, 5],
      [{ momentum: 0, dampening: 0, weightDecay: 0.1, nesterov: false, maximize: false }, 130],
    ])('%j on %i elements gives the reference bits', (opts, n) => {
      const o = { lr: 0.03, ...opts };
      const p = randn([n + 2], 'float32', gen).data as Float32Array;
      const g = randn([n + 1], 'float32', gen).data as Float32Array;
      const buf = randn([n + 3], 'float32', gen).data as Float32Array;
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        const run = (k: Backend) => {
          const [pc, bc] = [p.slice(), buf.slice()];
          k.sgdUpdate(n, pc, 2, g, 1, o.momentum ? bc : null, 3, o);
          return [pc, bc];
        };
        const want = run(ref);
        expect(run(be)).toEqual(want);
        expect(want[0][2]).not.toBe(p[2]);
      }
    });
  });

  describe('reductions down a middle axis', () => {
    const shapes: [number, number, number][] = [[1, 1024, 1024], [3, 7, 5], [2, 3, 2049], [4, 1, 9], [5, 64, 3]];
    test.each(shapes)('[%i, %i, %i]: sum, mean, max, min (NaN propagating) near the reference', (outer, k, inner) => {
      const src = randn([outer * k * inner + 1], 'float32', gen).data as Float32Array;
      for (let i = 7; i < src.length; i += 211) src[i] = NaN;
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        for (const op of ['sum', 'mean', 'max', 'min'] as const) {
          const want = new Float32Array(outer * inner);
          const got = new Float32Array(outer * inner);
          ref.reduceAxis(op, src, 1, outer, k, inner, want);
          be.reduceAxis(op, src, 1, outer, k, inner, got);
          for (let i = 0; i < want.length; i++) {
            if (Number.isNaN(want[i])) expect([op, i, got[i]]).toEqual([op, i, NaN]);
            else expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(2 ** -23 * Math.abs(want[i]) + 1e-30);
          }
        }
      }
    });
  });

  describe('reductions over all but a middle axis ([A, K, B], per channel; rows when A = 1)', () => {
    const shapes: [number, number, number][] = [[1, 6, 1000], [64, 6, 196], [3, 7, 5], [2, 1, 3], [5, 300, 1], [1, 1, 70000], [4, 0, 3]];
    test.each(shapes)('[%i, %i, %i]: sum, mean and var (corrections 0 and 1) equal to the reference, bit for bit', (A, K, B) => {
      const src = randn([A * K * B + 3], 'float32', gen).data as Float32Array;
      if (src.length > 40) src[40] = NaN;
      for (const threads of [1, 2]) {
        setNumThreads(threads);
        for (const [op, correction] of [['sum', 1], ['mean', 1], ['var', 0], ['var', 1]] as const) {
          const want = new Float32Array(K);
          const got = new Float32Array(K);
          ref.reduce(op, src, 3, A, K, B, want, correction);
          be.reduce(op, src, 3, A, K, B, got, correction);
          expect([op, correction, Array.from(got)]).toEqual([op, correction, Array.from(want)]);
        }
      }
    });
  });

  describe('convolution through the backend', () => {
    const cases = [
      { x: [2, 4, 9, 8], w: [6, 2, 3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 },
      { x: [3, 3, 11], w: [5, 3, 4], stride: [3], padding: [2], dilation: [1], groups: 1 },
      { x: [1, 2, 5, 6, 7], w: [4, 1, 2, 3, 2], stride: [1, 2, 1], padding: [1, 1, 0], dilation: [2, 1, 1], groups: 2 },
      // large enough to be shared out over threads (batch items split, weight partials summed)
      { x: [13, 4, 24, 24], w: [8, 2, 5, 5], stride: [1, 1], padding: [2, 2], dilation: [1, 1], groups: 2 },
      { x: [5, 3, 40, 33], w: [7, 3, 5, 5], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 },
      // more than one depth block (channels * kernel = 300 > 256), padding on both sides, stride 2
      { x: [2, 12, 20, 19], w: [5, 12, 5, 5], stride: [2, 1], padding: [2, 1], dilation: [1, 1], groups: 1 },
      // many output channels on small images: im2col + GEMM, weight gradient over several images at once
      { x: [9, 8, 6, 6], w: [40, 8, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 },
      { x: [11, 8, 5, 7], w: [72, 4, 3, 3], stride: [2, 1], padding: [1, 1], dilation: [1, 1], groups: 2 },
      // 1x1 (pointwise): the image is its own column matrix; and a strided 1x1, which is not
      { x: [6, 16, 9, 11], w: [80, 8, 1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 2 },
      { x: [2, 40, 14, 14], w: [36, 40, 1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 },
      { x: [3, 24, 9, 9], w: [40, 24, 1, 1], stride: [2, 2], padding: [0, 0], dilation: [1, 1], groups: 1 },
      // one image cut into blocks of columns (the last one short), 2-d and 1-d
      { x: [1, 40, 13, 17], w: [36, 40, 1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 },
      { x: [1, 48, 101], w: [40, 48, 1], stride: [1], padding: [0], dilation: [1], groups: 1 },
      // images too small for one GEMM each (ResNet's last stages): several items side by side, pointwise too
      { x: [5, 64, 1, 1], w: [48, 64, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 },
      { x: [7, 32, 2, 2], w: [40, 16, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 2 },
      { x: [66, 24, 2, 3], w: [36, 24, 1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 },
      // depthwise (one output channel per group), widths around its 16- and 4-column blocks
      { x: [2, 6, 23, 37], w: [6, 1, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 6 },
      { x: [3, 4, 15, 13], w: [4, 1, 5, 5], stride: [2, 1], padding: [2, 2], dilation: [1, 2], groups: 4 },
      { x: [1, 3, 9, 17], w: [3, 1, 3, 3], stride: [1, 1], padding: [0, 1], dilation: [1, 1], groups: 3 },
      // the depthwise kernel: stride 2 along the columns (even lanes of two loads), widths around its
      // 8- and 4-column blocks, 1-d, tiny planes, planes enough to share over threads; stride 3 is not its
      { x: [2, 5, 17, 21], w: [5, 1, 3, 3], stride: [2, 2], padding: [1, 1], dilation: [1, 1], groups: 5 },
      { x: [1, 3, 14, 30], w: [3, 1, 5, 5], stride: [2, 2], padding: [2, 2], dilation: [1, 2], groups: 3 },
      { x: [3, 4, 29], w: [4, 1, 5], stride: [2], padding: [2], dilation: [1], groups: 4 },
      { x: [2, 6, 19], w: [6, 1, 3], stride: [1], padding: [0], dilation: [3], groups: 6 },
      { x: [4, 7, 2, 2], w: [7, 1, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 7 },
      { x: [4, 7, 1, 1], w: [7, 1, 5, 5], stride: [2, 2], padding: [2, 2], dilation: [1, 1], groups: 7 },
      { x: [4, 32, 28, 28], w: [32, 1, 3, 3], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 32 },
      { x: [3, 24, 31, 31], w: [24, 1, 3, 3], stride: [2, 2], padding: [0, 0], dilation: [1, 1], groups: 24 },
      { x: [2, 3, 13, 16], w: [3, 1, 3, 3], stride: [1, 3], padding: [1, 1], dilation: [1, 1], groups: 3 },
    ];
    // the direct kernel's geometries (1-d and 2-d, unit stride along the last dim): output widths
    // around its 8- and 4-column blocks, output channels not a multiple of 4, padding, dilation
    for (let i = 0; i < 10; i++) {
      const nd = i < 3 ? 1 : 2;
      const groups = rint(1, 2);
      const k = Array.from({ length: nd }, () => rint(1, 5));
      const dilation = Array.from({ length: nd }, () => rint(1, 2));
      const padding = k.map((kk, d) => rint(0, dilation[d] * (kk - 1)));
      const stride = Array.from({ length: nd }, (_, d) => (d === nd - 1 ? 1 : rint(1, 2)));
      const inSize = k.map((kk, d) => rint(Math.max(1, dilation[d] * (kk - 1) + 1 - 2 * padding[d]), 21));
      cases.push({ x: [rint(1, 3), groups * rint(1, 3), ...inSize], w: [groups * rint(1, 9), 0, ...k], stride, padding, dilation, groups });
      cases[cases.length - 1].w[1] = cases[cases.length - 1].x[1] / groups;
    }
    const threadCases = cases.flatMap((c) => [1, 3].map((t) => [JSON.stringify(c), t, c] as const));
    test.each(threadCases)('%s on %i thread(s): forward with bias and both backwards', (_n, threads, c) => {
      setNumThreads(threads);
      const x = randn(c.x, 'float32', gen);
      const w = randn(c.w, 'float32', gen);
      const bias = randn([c.w[0]], 'float32', gen);
      const run = (b: Backend) => {
        const prev = backend();
        setBackend(b);
        try {
          const y = convForward(x, w, bias, c);
          const gy = NDArray.empty(y.shape, 'float32');
          gy.data.set(y.data.map((v, i) => Math.sin(i + v)));
          return [y, convBackwardInput(gy, x.shape, w, c), convBackwardWeight(gy, x, w.shape, c)];
        } finally {
          setBackend(prev);
        }
      };
      const want = run(ref);
      const got = run(be);
      // float32 sums of up to a few thousand terms against double ones: compare relative to the largest entry
      want.forEach((wv, i) => {
        expect(got[i].shape).toEqual(wv.shape);
        let scale = 1;
        let worst = 0;
        for (let j = 0; j < wv.size; j++) scale = Math.max(scale, Math.abs(wv.data[j]));
        for (let j = 0; j < wv.size; j++) worst = Math.max(worst, Math.abs(got[i].data[j] - wv.data[j]));
        expect(worst).toBeLessThan(2e-5 * scale);
      });
    });
  });
});

describe('worker threads', () => {
  const be = loaded[0][1] as Backend;
  test.each([
    // column blocks (N split), row blocks (narrow C: N < 8 * threads), uneven last blocks
    [3, 1030, 400, 9], [300, 20, 200, 3], [64, 2048, 75, 2], [6, 4099, 75, 2],
  ])('gemm %ix%ix%i split over %i threads matches the reference', (M, N, K, threads) => {
    setNumThreads(threads);
    expect(getNumThreads()).toBe(threads);
    const a = randn([M, K], 'float32', gen).data as Float32Array;
    const b = randn([K, N], 'float32', gen).data as Float32Array;
    const want = new Float32Array(M * N);
    const got = new Float32Array(M * N);
    ref.gemm(M, N, K, a, 0, K, 1, b, 0, N, 1, want, 0, N, false);
    be.gemm(M, N, K, a, 0, K, 1, b, 0, N, 1, got, 0, N, false);
    const absProd = new Float64Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let k = 0; k < K; k++) absProd[i * N + j] += Math.abs(a[i * K + k] * b[k * N + j]);
    expectGemmClose(M, N, K, absProd, got, want, 0, N);
  });
  test.each([[1030, 9, 8], [20, 3, 4], [4099, 2, 8], [5, 4, 8]])('blocks(%i, %i, %i) tile the range in multiples of the unit', (n, parts, unit) => {
    const b = blocks(n, parts, unit);
    expect(b.length).toBeLessThanOrEqual(parts);
    expect(b.reduce((s, [start, len]) => (expect(start).toBe(s), s + len), 0)).toBe(n);
    b.slice(0, -1).forEach(([, len]) => expect(len % unit).toBe(0));
  });
  test('large products are split, small ones are not', () => {
    const packs = [0, 1, 2];
    expect(gemmTasks(3, packs, 3, 1030, 400, 0, 400, 1, 0, 1030, 1, 0, 1030, false).length).toBe(3);
    expect(gemmTasks(3, packs, 300, 20, 200, 0, 200, 1, 0, 20, 1, 0, 20, false).map((t) => t.args[0])).toEqual([100, 100, 100]);
    expect(gemmTasks(3, packs, 6, 784, 75, 0, 75, 1, 0, 784, 1, 0, 784, false).length).toBe(1);
  });
  test('thousands of back-to-back parallel calls complete (no lost wake-up between main thread and workers)', () => {
    setNumThreads(2);
    const [M, N, K] = [64, 64, 256]; // just above the parallel threshold, so every call is split
    const a = randn([M, K], 'float32', gen).data as Float32Array;
    const b = randn([K, N], 'float32', gen).data as Float32Array;
    const c = new Float32Array(M * N);
    const want = new Float32Array(M * N);
    ref.gemm(M, N, K, a, 0, K, 1, b, 0, N, 1, want, 0, N, false);
    for (let i = 0; i < 5000; i++) be.gemm(M, N, K, a, 0, K, 1, b, 0, N, 1, c, 0, N, false);
    let worst = 0;
    for (let i = 0; i < c.length; i++) worst = Math.max(worst, Math.abs(c[i] - want[i]));
    expect(worst).toBeLessThan(1e-3);
  }, 60000);
  test('thousands of back-to-back queued calls (more tasks than threads) complete and stay exact', () => {
    setNumThreads(2);
    const n = 70001;
    const src = randn([n], 'float32', gen).data as Float32Array;
    const a = { data: src, offset: 0, strides: [1] };
    const want = { data: new Float32Array(n), offset: 0, strides: [1] };
    ref.unary('relu', [n], a, want);
    const got = { data: new Float32Array(n), offset: 0, strides: [1] };
    let bad = 0;
    for (let i = 0; i < 3000; i++) {
      got.data.fill(-1);
      be.unary('relu', [n], a, got);
      if (got.data[i % n] !== want.data[i % n] || got.data[n - 1] !== want.data[n - 1]) bad++;
    }
    expect(bad).toBe(0);
    expect(Array.from(got.data.subarray(0, 1000))).toEqual(Array.from(want.data.subarray(0, 1000)));
  }, 60000);
  test('a worker that read an old seq cannot claim the slot after the caller took that task and a newer one back', () => {
    const c = new Int32Array(2 * SLOT_INTS);
    const base = SLOT_INTS;
    expect(claim(c, base, 1)).toBe(true); // task 1: its worker claims it
    expect(claim(c, base, 1)).toBe(false); // ... and the caller, later, cannot
    expect(claim(c, base, 2)).toBe(true); // task 2: the caller takes it back
    expect(claim(c, base, 3)).toBe(true); // task 3: posted and taken back too
    expect(claim(c, base, 2)).toBe(false); // the worker that read seq 2 before sleeping
    expect(c[base + CLAIMED]).toBe(3);
    c[base + CLAIMED] = 2147483647; // seqs wrap around at 2^31
    expect(claim(c, base, -2147483648)).toBe(true);
    expect(claim(c, base, 2147483647)).toBe(false);
  });
  test('setNumThreads rejects what torch.set_num_threads rejects', () => {
    expect(() => setNumThreads(0)).toThrow(ValueError);
    expect(() => setNumThreads(1.5)).toThrow(/setNumThreads: expected a positive integer/);
  });
});

test('CRESSET_BACKEND=reference is honoured at load time, and the default is the wasm backend', () => {
  expect(backend().name).toMatch(/^wasm-/);
});
