/** The reference kernels against naive loops written for clarity (the oracle of the oracle). */
import { Generator, NDArray, randn, referenceBackend as K } from '../src';

const gen = new Generator(7);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i])));
};

describe('gemm', () => {
  test.each([
    [1, 1, 1], [3, 5, 7], [17, 9, 33], [64, 1, 5],
  ])('%ix%ix%i with plain, transposed A and transposed B layouts', (M, N, Kd) => {
    const A = randn([M, Kd], 'float64', gen);
    const B = randn([Kd, N], 'float64', gen);
    const naive = new Float64Array(M * N);
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < Kd; k++) s += A.data[i * Kd + k] * B.data[k * N + j];
      naive[i * N + j] = s;
    }
    const C = new Float64Array(M * N);
    K.gemm(M, N, Kd, A.data, 0, Kd, 1, B.data, 0, N, 1, C, 0, N, false);
    close(C, naive, 1e-12);
    // the same product from transposed storage: At is [K, M], read with strides (1, M)
    const At = A.transpose(0, 1).contiguous();
    const Bt = B.transpose(0, 1).contiguous();
    const C2 = new Float64Array(M * N);
    K.gemm(M, N, Kd, At.data, 0, 1, M, Bt.data, 0, 1, Kd, C2, 0, N, false);
    close(C2, naive, 1e-12);
    // accumulate adds to what is there
    K.gemm(M, N, Kd, A.data, 0, Kd, 1, B.data, 0, N, 1, C2, 0, N, true);
    close(C2, naive.map((v) => 2 * v), 1e-12);
  });
});

describe('im2col / col2im', () => {
  const cases = [
    { channels: 2, inSize: [5, 6], kernel: [3, 2], stride: [1, 2], padding: [1, 0], dilation: [1, 1] },
    { channels: 1, inSize: [7], kernel: [3], stride: [2], padding: [2], dilation: [2] },
    { channels: 3, inSize: [4, 3, 5], kernel: [2, 2, 3], stride: [1, 1, 2], padding: [0, 1, 1], dilation: [1, 2, 1] },
  ];
  test.each(cases.map((c) => [JSON.stringify(c), c] as const))('%s', (_n, c) => {
    const nd = c.inSize.length;
    const outSize = c.inSize.map((s, d) => Math.floor((s + 2 * c.padding[d] - c.dilation[d] * (c.kernel[d] - 1) - 1) / c.stride[d]) + 1);
    const g = { ...c, outSize };
    const img = randn([c.channels, ...c.inSize], 'float64', gen);
    const kN = c.kernel.reduce((a, b) => a * b, 1);
    const oN = outSize.reduce((a, b) => a * b, 1);
    const cols = new Float64Array(c.channels * kN * oN);
    K.im2col(g, img.data, 0, cols);
    // naive: decode every (channel, kernel tuple, output tuple)
    const decode = (i: number, dims: number[]) => dims.slice().reverse().map((s) => { const r = i % s; i = Math.floor(i / s); return r; }).reverse();
    const expected = new Float64Array(cols.length);
    for (let ch = 0; ch < c.channels; ch++) for (let k = 0; k < kN; k++) for (let o = 0; o < oN; o++) {
      const kt = decode(k, c.kernel);
      const ot = decode(o, outSize);
      let idx = ch;
      let inside = true;
      for (let d = 0; d < nd; d++) {
        const x = ot[d] * c.stride[d] - c.padding[d] + kt[d] * c.dilation[d];
        if (x < 0 || x >= c.inSize[d]) inside = false;
        idx = idx * c.inSize[d] + x;
      }
      expected[(ch * kN + k) * oN + o] = inside ? img.data[idx] : 0;
    }
    close(cols, expected, 0);
    // col2im is the adjoint: <im2col(x), y> == <x, col2im(y)>
    const y = randn([cols.length], 'float64', gen);
    const back = new Float64Array(img.size);
    K.col2im(g, y.data, back, 0);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < cols.length; i++) lhs += cols[i] * y.data[i];
    for (let i = 0; i < back.length; i++) rhs += img.data[i] * back[i];
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-9);
  });
});

describe('elementwise loops', () => {
  test('strided, broadcast and in-place operands', () => {
    const a = randn([3, 4], 'float32', gen);
    const b = randn([4], 'float32', gen);
    const out = NDArray.empty([4, 3], 'float32');
    // out[j, i] = a[i, j] * b[j]: a transposed view, b broadcast along dim 1 of the transposed shape
    K.binary('mul', [4, 3], { data: a.data, offset: 0, strides: [1, 4] }, { data: b.data, offset: 0, strides: [1, 0] }, out);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(out.data[j * 3 + i]).toBe(Math.fround(a.data[i * 4 + j] * b.data[j]));
  });
  test('0-d operands', () => {
    const out = NDArray.empty([], 'float64');
    K.binary('add', [], { data: new Float64Array([2]), offset: 0, strides: [] }, { data: new Float64Array([3]), offset: 0, strides: [] }, out);
    expect(out.data[0]).toBe(5);
  });
});
