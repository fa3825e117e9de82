/**
 * Single-precision GEMM, C[M,N] (+)= A[M,K] B[K,N], over strided A and B (element strides) and a
 * row-major C with leading dimension ldc, as the GotoBLAS/BLIS loop nest: B is packed into
 * KC x NR panels, A into MR x KC panels, and a 4x8 register-blocked SIMD micro-kernel computes
 * each C tile. Edge tiles go through a small scratch tile. All pointers are byte addresses.
 */
import { hsum, madd } from './simd';

const MR = 4;
const NR = 8;
const MC = 128;
const KC = 256;
const NC = 1024;
/** Up to this many rows of C, a row-major B is read in place rather than packed (too little reuse to pay for packing). */
const DIRECT_B_MAX_M = 16;

/**
 * Up to this many rows of C, when A's rows and B's columns are both contiguous along k (x @ W^T
 * of a linear layer on a small batch), C is computed as dot products read in place: packing B
 * would copy every weight to use it M times.
 */
const DOT_MAX_M = 4;
/** ... and K at least this deep, so the four-lane partial sums have work to do. */
const DOT_MIN_K = 16;

/** Bytes of scratch one gemm call needs at `pack` (packed A, packed B and the edge tile). */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) << 2;
}

/**
 * Packs `n` lines of a strided matrix into panels `width` lines wide (zero padded past n): line
 * l of the source is src + l*ls, its element k at + k*ks; panel p stores element k of its lines
 * contiguously at ((p*kc)+k)*width. B packs its columns (NR wide), A its rows (MR tall).
 * Contiguous lines (ls == 1) are copied a vector at a time; lines contiguous along k (ks == 1,
 * as the rows of a row-major A) are transposed four by four in registers.
 */
function packPanels(width: i32, n: i32, kc: i32, src: usize, ls: i32, ks: i32, dst: usize): void {
  const rowBytes = <usize>width << 2;
  for (let p = 0; p < n; p += width) {
    const nb = min(width, n - p);
    const line0 = src + ((<usize>p * ls) << 2);
    if (ls == 1 && nb == width) {
      for (let k = 0; k < kc; k++) {
        const s = line0 + ((<usize>k * ks) << 2);
        for (let v = 0; v < width; v += 4) v128.store(dst + (<usize>v << 2), v128.load(s + (<usize>v << 2)));
        dst += rowBytes;
      }
      continue;
    }
    let k = 0;
    if (ks == 1 && nb == width) {
      const lsB = <usize>ls << 2;
      for (; k + 4 <= kc; k += 4) {
        for (let l = 0; l < width; l += 4) {
          const s = line0 + <usize>l * lsB + (<usize>k << 2);
          transpose4(v128.load(s), v128.load(s + lsB), v128.load(s + 2 * lsB), v128.load(s + 3 * lsB), dst + (<usize>l << 2), rowBytes);
        }
        dst += rowBytes << 2;
      }
    }
    for (; k < kc; k++) {
      const s = line0 + ((<usize>k * ks) << 2);
      for (let l = 0; l < width; l++) store<f32>(dst + (<usize>l << 2), l < nb ? load<f32>(s + ((<usize>l * ls) << 2)) : 0);
      dst += rowBytes;
    }
  }
}

/** Stores the transpose of the 4x4 block with rows r0..r3 as four rows `stride` bytes apart. */
@inline
function transpose4(r0: v128, r1: v128, r2: v128, r3: v128, dst: usize, stride: usize): void {
  const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<i64>(t0, t2, 0, 2));
  v128.store(dst + stride, v128.shuffle<i64>(t0, t2, 1, 3));
  v128.store(dst + 2 * stride, v128.shuffle<i64>(t1, t3, 0, 2));
  v128.store(dst + 3 * stride, v128.shuffle<i64>(t1, t3, 1, 3));
}

/**
 * The 4x8 micro-kernel: C tile (row stride ldc bytes) = (beta ? C : 0) + Apanel * Bpanel over kc,
 * where row k of the B panel is 8 floats at b + k * bStep (32 for a packed panel).
 */
function kernel(kc: i32, a: usize, b: usize, bStep: usize, c: usize, ldc: usize, beta: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let ai = v128.load32_splat(a);
    c00 = madd(ai, b0, c00); c01 = madd(ai, b1, c01);
    ai = v128.load32_splat(a, 4);
    c10 = madd(ai, b0, c10); c11 = madd(ai, b1, c11);
    ai = v128.load32_splat(a, 8);
    c20 = madd(ai, b0, c20); c21 = madd(ai, b1, c21);
    ai = v128.load32_splat(a, 12);
    c30 = madd(ai, b0, c30); c31 = madd(ai, b1, c31);
    a += MR << 2;
    b += bStep;
  }
  if (beta) {
    c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc)); c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc)); c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc)); c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** Floats of A packed whole by packA: M rounded up to MR rows, times K. */
export function packedASize(M: i32, K: i32): i32 {
  return ((M + MR - 1) / MR) * MR * K;
}

/**
 * Packs `groups` matrices A_g[M,K] (A_g at a + g * aGs elements; element strides aRs, aCs), each
 * at dst + g * packedASize(M, K) floats as gemmPackedA reads it: depth block pc (KC deep, the
 * last shorter) starts at float pc * Mp (Mp = M rounded up to MR), and holds the MR-row panels
 * of that block one after another. This call packs the units [u0, u1), unit u being row panel
 * u % panels of group u / panels, so threads can share the packing. A matrix used many times (a
 * convolution's weights) is packed once instead of once per product.
 */
export function packA(groups: i32, M: i32, K: i32, a: usize, aGs: i32, aRs: i32, aCs: i32, dst: usize, u0: i32, u1: i32): void {
  const Mp = ((M + MR - 1) / MR) * MR;
  const panels = Mp / MR;
  const per = <usize>packedASize(M, K);
  for (let u = u0; u < min(u1, groups * panels); u++) {
    const g = u / panels, r0 = (u % panels) * MR;
    const src = a + ((<usize>g * aGs + <usize>r0 * aRs) << 2);
    const out = dst + ((<usize>g * per) << 2);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      packPanels(MR, min(MR, M - r0), kc, src + ((<usize>pc * aCs) << 2), aRs, aCs, out + ((<usize>pc * Mp + <usize>r0 * kc) << 2));
    }
  }
}

/**
 * C[M,N] (+)= A[M,K] B[K,N]. Strides are in elements; `pack` points at gemmScratchBytes() of
 * scratch private to the caller (one per thread).
 */
export function gemm(
  M: i32, N: i32, K: i32,
  a: usize, aRs: i32, aCs: i32,
  b: usize, bRs: i32, bCs: i32,
  c: usize, ldc: i32, accumulate: bool, pack: usize,
): void {
  gemmImpl(M, N, K, a, aRs, aCs, false, b, bRs, bCs, c, ldc, accumulate, pack);
}

/** gemm with A already packed whole by packA at `a`. */
export function gemmPackedA(M: i32, N: i32, K: i32, a: usize, b: usize, bRs: i32, bCs: i32, c: usize, ldc: i32, accumulate: bool, pack: usize): void {
  gemmImpl(M, N, K, a, 0, 0, true, b, bRs, bCs, c, ldc, accumulate, pack);
}

@inline function gemmImpl(
  M: i32, N: i32, K: i32,
  a: usize, aRs: i32, aCs: i32, aPacked: bool,
  b: usize, bRs: i32, bCs: i32,
  c: usize, ldc: i32, accumulate: bool, pack: usize,
): void {
  if (M <= 0 || N <= 0) return;
  const ldcB = <usize>ldc << 2;
  if (K <= 0) {
    if (!accumulate) for (let i = 0; i < M; i++) memory.fill(c + <usize>i * ldcB, 0, <usize>N << 2);
    return;
  }
  if (!aPacked && aCs == 1 && bRs == 1 && M <= DOT_MAX_M && K >= DOT_MIN_K) {
    dotRows(M, N, K, a, aRs, b, bCs, c, ldc, accumulate);
    return;
  }
  const pa = pack;
  const pb = pa + ((MC * KC) << 2);
  const tile = pb + ((KC * NC) << 2);
  // a row-major B is read in place (its 8-wide panels stay in L1 across the row panels of A);
  // only a strided B, or the last partial panel, is packed
  const direct = bCs == 1 && M <= DIRECT_B_MAX_M;
  const bRowBytes = <usize>bRs << 2;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    const fullPanels = direct ? nc - nc % NR : 0;
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      const beta = accumulate || pc > 0;
      const b0 = b + ((<usize>pc * bRs + <usize>jc * bCs) << 2);
      if (fullPanels < nc) packPanels(NR, nc - fullPanels, kc, b0 + ((<usize>fullPanels * bCs) << 2), bCs, bRs, pb);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        const Mp = ((M + MR - 1) / MR) * MR;
        const aBlock = aPacked ? a + ((<usize>pc * Mp + <usize>ic * kc) << 2) : pa;
        if (!aPacked) packPanels(MR, mc, kc, a + ((<usize>ic * aRs + <usize>pc * aCs) << 2), aRs, aCs, pa);
        for (let jr = 0; jr < nc; jr += NR) {
          const nb = min(NR, nc - jr);
          const inPlace = jr < fullPanels;
          const bp = inPlace ? b0 + (<usize>jr << 2) : pb + ((<usize>(jr - fullPanels) * kc) << 2);
          const bStep: usize = inPlace ? bRowBytes : NR << 2;
          for (let ir = 0; ir < mc; ir += MR) {
            const mb = min(MR, mc - ir);
            const ap = aBlock + ((<usize>ir * kc) << 2);
            const cp = c + <usize>(ic + ir) * ldcB + ((<usize>(jc + jr)) << 2);
            if (mb == MR && nb == NR) {
              kernel(kc, ap, bp, bStep, cp, ldcB, beta);
            } else {
              kernel(kc, ap, bp, bStep, tile, NR << 2, false);
              for (let i = 0; i < mb; i++) {
                const crow = cp + <usize>i * ldcB;
                const trow = tile + ((<usize>i * NR) << 2);
                for (let j = 0; j < nb; j++) {
                  const o = <usize>j << 2;
                  store<f32>(crow + o, (beta ? load<f32>(crow + o) : 0) + load<f32>(trow + o));
                }
              }
            }
          }
        }
      }
    }
  }
}

/**
 * C[i, j] (+)= sum_k A[i, k] B[k, j] for rows of A and columns of B contiguous along k (row i of
 * A at a + i * aRs floats, column j of B at b + j * bCs): eight columns at a time, each a dot
 * product in four lanes (k mod 4) summed across at the end, then the k tail in order.
 */
function dotRows(M: i32, N: i32, K: i32, a: usize, aRs: i32, b: usize, bCs: i32, c: usize, ldc: i32, accumulate: bool): void {
  const k4 = K & ~3;
  const col = <usize>bCs << 2;
  for (let i = 0; i < M; i++) {
    const ar = a + ((<usize>i * aRs) << 2);
    const cr = c + ((<usize>i * ldc) << 2);
    let j = 0;
    for (; j + 8 <= N; j += 8) {
      const b0 = b + <usize>j * col;
      let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
      for (let k = 0; k < k4; k += 4) {
        const o = <usize>k << 2;
        const x = v128.load(ar + o);
        const p = b0 + o;
        s0 = madd(x, v128.load(p), s0);
        s1 = madd(x, v128.load(p + col), s1);
        s2 = madd(x, v128.load(p + 2 * col), s2);
        s3 = madd(x, v128.load(p + 3 * col), s3);
        s4 = madd(x, v128.load(p + 4 * col), s4);
        s5 = madd(x, v128.load(p + 5 * col), s5);
        s6 = madd(x, v128.load(p + 6 * col), s6);
        s7 = madd(x, v128.load(p + 7 * col), s7);
      }
      dotStore(cr, j, hsum(s0), ar, b0, k4, K, accumulate);
      dotStore(cr, j + 1, hsum(s1), ar, b0 + col, k4, K, accumulate);
      dotStore(cr, j + 2, hsum(s2), ar, b0 + 2 * col, k4, K, accumulate);
      dotStore(cr, j + 3, hsum(s3), ar, b0 + 3 * col, k4, K, accumulate);
      dotStore(cr, j + 4, hsum(s4), ar, b0 + 4 * col, k4, K, accumulate);
      dotStore(cr, j + 5, hsum(s5), ar, b0 + 5 * col, k4, K, accumulate);
      dotStore(cr, j + 6, hsum(s6), ar, b0 + 6 * col, k4, K, accumulate);
      dotStore(cr, j + 7, hsum(s7), ar, b0 + 7 * col, k4, K, accumulate);
    }
    for (; j < N; j++) {
      const bj = b + <usize>j * col;
      let s0 = f32x4.splat(0);
      for (let k = 0; k < k4; k += 4) s0 = madd(v128.load(ar + (<usize>k << 2)), v128.load(bj + (<usize>k << 2)), s0);
      dotStore(cr, j, hsum(s0), ar, bj, k4, K, accumulate);
    }
  }
}

/** C row cr's element j (+)= sum, plus the products of the k tail [k4, K) of the row at ar and the column at bj. */
@inline function dotStore(cr: usize, j: i32, sum: f32, ar: usize, bj: usize, k4: i32, K: i32, accumulate: bool): void {
  for (let k = k4; k < K; k++) sum += load<f32>(ar + (<usize>k << 2)) * load<f32>(bj + (<usize>k << 2));
  const p = cr + (<usize>j << 2);
  store<f32>(p, accumulate ? load<f32>(p) + sum : sum);
}
