/**
 * The reference GEMM: C[M,N] (+)= A[M,K] B[K,N] over strided A and B. Each row of C is
 * accumulated in a double-precision buffer in i-k-j order, so the inner loop streams a row of B.
 * B is packed row-contiguous first when its columns are strided.
 */
import type { TypedArray } from '../../dtype';

export function gemm(
  M: number, N: number, K: number,
  A: TypedArray, aOff: number, aRs: number, aCs: number,
  B: TypedArray, bOff: number, bRs: number, bCs: number,
  C: TypedArray, cOff: number, ldc: number, accumulate: boolean,
): void {
  if (M === 0 || N === 0) return;
  if (bCs !== 1) {
    const packed = new Float64Array(K * N);
    for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) packed[k * N + j] = B[bOff + k * bRs + j * bCs];
    B = packed; bOff = 0; bRs = N; bCs = 1;
  }
  const acc = new Float64Array(N);
  for (let i = 0; i < M; i++) {
    const c0 = cOff + i * ldc;
    if (accumulate) for (let j = 0; j < N; j++) acc[j] = C[c0 + j];
    else acc.fill(0);
    const a0 = aOff + i * aRs;
    for (let k = 0; k < K; k++) {
      const a = A[a0 + k * aCs];
      if (a === 0) continue;
      const b0 = bOff + k * bRs;
      for (let j = 0; j < N; j++) acc[j] += a * B[b0 + j];
    }
    for (let j = 0; j < N; j++) C[c0 + j] = acc[j];
  }
}
