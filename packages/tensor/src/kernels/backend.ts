/**
 * The backend interface: the compute kernels every tensor operation runs on. Kernels are plain
 * functions over typed arrays with explicit shapes, strides and offsets; they never allocate
 * tensors and know nothing of autograd. The reference backend (plain TypeScript) is the oracle
 * for any faster one.
 */
import type { TypedArray } from '../dtype';
import type { StoragePool } from '../pooled_storage';

/** A strided window onto a typed array: element (i0, i1, ...) is data[offset + sum(ik * strides[k])]. */
export interface Strided {
  data: TypedArray;
  offset: number;
  strides: readonly number[];
}

/** Elementwise operations of one input; `p` and `q` are scalar parameters (clamp bounds, slope, ...). */
export type UnaryOp =
  | 'copy' | 'trunc' | 'toBool' | 'neg' | 'exp' | 'log' | 'sqrt' | 'rsqrt' | 'abs' | 'sign' | 'relu' | 'sigmoid' | 'tanh'
  | 'sin' | 'cos' | 'floor' | 'ceil' | 'round' | 'reciprocal' | 'square' | 'log1p' | 'expm1' | 'logicalNot'
  | 'clamp' | 'clampMin' | 'clampMax' | 'powScalar' | 'rpowScalar' | 'fill' | 'leakyRelu' | 'elu' | 'gelu' | 'geluTanh'
  | 'isnan' | 'reluMask' | 'softplus';

/** Elementwise operations of two inputs (the caller broadcasts them to the output shape). */
export type BinaryOp =
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'floorDivide' | 'remainder' | 'fmod' | 'atan2'
  | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'logicalAnd' | 'logicalOr' | 'logicalXor'
  | 'addScaled' | 'reluBackward' | 'thresholdBackward' | 'sigmoidBackward' | 'tanhBackward';

/** Reductions over the last axis of a contiguous [outer, k] block. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'mean' | 'var' | 'any' | 'all' | 'logsumexp';

/** The reductions reduceAxis does over a middle axis. */
export type AxisReduceOp = 'sum' | 'mean' | 'max' | 'min';

/** Convolution geometry for N spatial dims, shared by im2col and col2im. */
export interface ConvGeometry {
  channels: number;
  inSize: readonly number[];
  kernel: readonly number[];
  outSize: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
}

/** A batched, grouped convolution: one group's image geometry, plus the batch and channel counts. */
export interface BatchedConv extends ConvGeometry {
  batch: number;
  groups: number;
  /** All output channels (groups * per-group output channels). */
  outChannels: number;
}

/** The options of one SGD update (torch.optim.SGD's, camel-cased). */
export interface SgdStep {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

export interface Backend {
  readonly name: string;
  /** Where float32 arrays made in a backward pass are kept (pooled_storage.ts), when the backend has such storage. */
  readonly storagePool?: StoragePool & { budget: number };
  /** A new pool of storage that one compiled plan keeps to itself until disposed (torch.compile's arrays). */
  planStoragePool?(): StoragePool & { dispose(): void };
  /** out[i] = op(a[i]) over `shape`; `p`, `q` parameterise the op. */
  unary(op: UnaryOp, shape: readonly number[], a: Strided, out: Strided, p?: number, q?: number): void;
  /** out[i] = op(a[i], b[i]) over `shape` (a zero stride broadcasts); `p` parameterises the op. */
  binary(op: BinaryOp, shape: readonly number[], a: Strided, b: Strided, out: Strided, p?: number): void;
  /** out[i] = cond[i] ? a[i] : b[i] over `shape`. */
  where(shape: readonly number[], cond: Strided, a: Strided, b: Strided, out: Strided): void;
  /**
   * For each k of a contiguous [A, K, B] block at src[offset..], reduces its A * B elements (a,
   * then b) into out[k]: rows are A = 1; a per-channel reduction of [N, C, H, W] is A = N, B = H*W.
   * Sums, means and variances accumulate in double precision element after element.
   */
  reduce(op: ReduceOp, src: TypedArray, offset: number, A: number, K: number, B: number, out: TypedArray, correction?: number): void;
  /**
   * Reduces the middle axis of a contiguous [outer, k, inner] block at src[offset..]:
   * out[o*inner + i] = op over j of src[offset + (o*k + j)*inner + i]. Sums and means in double
   * precision; max and min propagate NaN. (reduce is the inner == 1 case for every op.)
   */
  reduceAxis(op: AxisReduceOp, src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray): void;
  /**
   * Running sums or products down the middle axis of a contiguous [outer, k, inner] block:
   * out[o, j, i] = op of src[o, 0..j, i] (inclusive), or of src[o, 0..j-1, i] when `exclusive`
   * (the identity at j = 0), from j = k - 1 downwards when `reverse`. Accumulated in double
   * precision; out is contiguous from 0.
   */
  scanAxis(op: 'sum' | 'prod', src: TypedArray, offset: number, outer: number, k: number, inner: number, out: TypedArray, exclusive: boolean, reverse: boolean): void;
  /**
   * C[M,N] (+)= A[M,K] * B[K,N] where A and B are strided matrices (row stride, column stride),
   * and C is row-major with leading dimension ldc. `accumulate` adds into C instead of overwriting.
   */
  gemm(
    M: number, N: number, K: number,
    A: TypedArray, aOff: number, aRs: number, aCs: number,
    B: TypedArray, bOff: number, bRs: number, bCs: number,
    C: TypedArray, cOff: number, ldc: number, accumulate: boolean,
  ): void;
  /** Unfolds one image [C, ...inSize] at src[srcOff..] into cols [C*prod(kernel), prod(outSize)]. */
  im2col(g: ConvGeometry, src: TypedArray, srcOff: number, cols: TypedArray): void;
  /** The adjoint of im2col: adds cols back into the image at dst[dstOff..] (dst must be zeroed by the caller). */
  col2im(g: ConvGeometry, cols: TypedArray, dst: TypedArray, dstOff: number): void;
  /**
   * Convolution forward (cross-correlation, im2col + GEMM per batch item and group): y [batch,
   * outChannels, ...outSize], contiguous from 0 and overwritten, from the contiguous x [batch,
   * groups*channels, ...inSize] at x[xOff..] and w [outChannels, channels, ...kernel] at w[wOff..],
   * plus bias[o] (contiguous) when given.
   */
  convForward(c: BatchedConv, x: TypedArray, xOff: number, w: TypedArray, wOff: number, bias: TypedArray | null, y: TypedArray): void;
  /** The input gradient of convForward: dx (contiguous from 0, overwritten) from dy at dy[dyOff..] and w. */
  convBackwardInput(c: BatchedConv, dy: TypedArray, dyOff: number, w: TypedArray, wOff: number, dx: TypedArray): void;
  /** The weight gradient of convForward: dw (contiguous from 0, overwritten) from dy at dy[dyOff..] and x. */
  convBackwardWeight(c: BatchedConv, dy: TypedArray, dyOff: number, x: TypedArray, xOff: number, dw: TypedArray): void;
  /**
   * Max pooling over precomputed windows, plane by plane: for each of `planes` planes of inN
   * elements at src[srcOff + pl*inN..], output o takes the maximum over the in-plane indices
   * taps[start[o]..start[o+1]), writing values[pl*oN + o] and its index to indices[pl*oN + o]
   * (oN = start.length - 1). NaN wins, else the first maximum; an empty window gives -Infinity
   * at index 0, as PyTorch.
   */
  maxPool(planes: number, inN: number, start: Int32Array, taps: Int32Array, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void;
  /**
   * Max pooling over regular windows, plane by plane: `g` is one plane's window geometry
   * (ConvGeometry with channels 1: kernel, stride, padding, dilation over up to 3 dims). For
   * each of `planes` planes at src[srcOff + pl*inN..], writes values[pl*oN + o] and the flat
   * in-plane index of the maximum to indices[pl*oN + o] (int64 storage). Taps in window order;
   * NaN wins, else the first maximum; an empty window gives -Infinity at index 0, as PyTorch.
   */
  maxPoolWindows(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, values: TypedArray, indices: TypedArray): void;
  /**
   * The gradient of max pooling: dx (planes * inN, contiguous from 0, overwritten) gets each
   * grad[gOff + pl*oN + o] added at in-plane index indices[iOff + pl*oN + o], in output order.
   */
  maxPoolBackward(planes: number, inN: number, oN: number, grad: TypedArray, gOff: number, indices: TypedArray, iOff: number, dx: TypedArray): void;
  /**
   * Average pooling over regular windows (unit dilation), plane by plane: out[pl*oN + o] is the
   * sum of window o's taps inside the input (padding adds nothing) divided by divisors[o] (the
   * caller's count_include_pad / divisor_override rule).
   */
  avgPoolWindows(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, divisors: Float64Array, out: TypedArray): void;
  /** The gradient of avgPoolWindows: dx (planes * inN, overwritten) gets grad[gOff + pl*oN + o] / divisors[o] at each tap of window o. */
  avgPoolBackward(g: ConvGeometry, planes: number, grad: TypedArray, gOff: number, divisors: Float64Array, dx: TypedArray): void;
  /**
   * Adaptive average pooling from g.inSize to g.outSize (the other fields unused): window o covers
   * [floor(o L / O), ceil((o + 1) L / O)) along each dim, divided by its element count.
   */
  adaptiveAvgPool(g: ConvGeometry, planes: number, src: TypedArray, srcOff: number, out: TypedArray): void;
  /** The gradient of adaptiveAvgPool: dx (overwritten) gets each output gradient spread evenly over its window. */
  adaptiveAvgPoolBackward(g: ConvGeometry, planes: number, grad: TypedArray, gOff: number, dx: TypedArray): void;
  /**
   * Sums over all but dim 1 of a contiguous [outer, channels, inner] block at src[srcOff..]:
   * out[c] = sum over n, i of src[(n*channels + c)*inner + i] (a convolution's bias gradient).
   */
  channelSum(outer: number, channels: number, inner: number, src: TypedArray, srcOff: number, out: TypedArray): void;
  /**
   * Batch normalisation's per-channel map over a contiguous [outer, channels, inner] block at
   * x[xOff..]: xhat = (x - mean[c]) / std[c] and y = xhat * weight[c] + bias[c] (each term only
   * when given), every operation rounded to the dtype as the separate elementwise ops round it.
   * y, and xhat when given, are contiguous from 0 and overwritten; all arrays share x's dtype.
   */
  channelNorm(outer: number, channels: number, inner: number, x: TypedArray, xOff: number,
    mean: TypedArray, std: TypedArray, weight: TypedArray | null, bias: TypedArray | null, xhat: TypedArray | null, y: TypedArray): void;
  /**
   * The gradients of channelNorm over a contiguous [outer, channels, inner] block, from the
   * output's gradient gy[gyOff..] and the saved xhat: gb[c] = sum of gy and gw[c] = sum of gy *
   * xhat over channel c, and gx = (gxhat - mean(gxhat) - xhat * mean(gxhat * xhat)) / std[c] with
   * batch statistics (`training`), else gxhat / std[c], where gxhat = gy * weight[c] (gy when no
   * weight). Sums in double element after element (as reduce), means and every elementwise step
   * rounded to the dtype, so the values are those of the composed ops. Outputs given as null are
   * not computed; the others are contiguous from 0 and overwritten.
   */
  channelNormBackward(outer: number, channels: number, inner: number, gy: TypedArray, gyOff: number, xhat: TypedArray,
    weight: TypedArray | null, std: TypedArray, training: boolean, gx: TypedArray | null, gw: TypedArray | null, gb: TypedArray | null): void;
  /**
   * One SGD update of n contiguous elements in place: p[pOff..] from the gradient g[gOff..] and,
   * when momentum is not 0, the momentum buffer buf[bOff..] (updated too). d = g (negated when
   * maximize), plus weightDecay * p; buf = buf * momentum + (1 - dampening) * d and d = nesterov ?
   * d + momentum * buf : buf; p = p - lr * d: each step with the values of the elementwise op
   * torch.optim.SGD composes it from (the momentum multiply by the rounded scalar, the scaled
   * additions computed in double). All arrays share p's dtype (float32 or float64).
   */
  sgdUpdate(n: number, p: TypedArray, pOff: number, g: TypedArray, gOff: number, buf: TypedArray | null, bOff: number, o: SgdStep): void;
  /**
   * Gather along the middle axis: out[(o*m + j)*inner + i] = src[srcOff + (o*n + k)*inner + i]
   * with k = index[iOff + (o*m + j)*inner + i] (out contiguous from 0). Returns -1, or, writing
   * nothing, the flat position of the first index outside [0, n).
   */
  gatherAxis(outer: number, n: number, inner: number, m: number, src: TypedArray, srcOff: number, index: TypedArray, iOff: number, out: TypedArray): number;
  /**
   * The adjoint of gatherAxis: dst[dOff + (o*n + k)*inner + i] += (or, without `accumulate`, =)
   * src[srcOff + (o*m + j)*inner + i], in order (so the last write wins). Returns as gatherAxis.
   */
  scatterAxis(outer: number, n: number, inner: number, m: number, src: TypedArray, srcOff: number, index: TypedArray, iOff: number, dst: TypedArray, dOff: number, accumulate: boolean): number;
  /**
   * N-d gather through per-dimension offset tables: out (contiguous, shape = table lengths) gets
   * src[base + sum(tables[d][i_d])], or `fillValue` where any table entry is -1.
   */
  gather(src: TypedArray, base: number, tables: readonly Int32Array[], out: TypedArray, fillValue: number): void;
  /** The adjoint of gather: dst[base + sum(tables[d][i_d])] += src[i] (entries at -1 are dropped). */
  scatterAdd(src: TypedArray, tables: readonly Int32Array[], dst: TypedArray, base: number): void;
}
