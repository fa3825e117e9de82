/**
 * F.interpolate: resizing the spatial dims of [N, C, *] input by `size` or `scaleFactor`, in
 * modes 'nearest', 'nearest-exact', 'linear' / 'bilinear' / 'trilinear' / 'bicubic' (with
 * alignCorners) and 'area'. Each dim is resampled in turn by gathering source positions (and, for
 * the linear modes, blending two neighbours; for bicubic, four, with Keys' cubic convolution at
 * A = -0.75), the positions and weights computed as ATen's CPU kernels compute them (in float for
 * float32 input).
 */
import { Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { ShapeError, ValueError } from '@cresset/tensor';
import { adaptiveAvgPoolNd } from './pooling';

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area';

export interface InterpolateOptions {
  size?: number | readonly number[] | null;
  scaleFactor?: number | readonly number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

const LINEAR_DIMS: Partial<Record<InterpolateMode, number>> = { linear: 1, bilinear: 2, trilinear: 3 };

/** x gathered at `idx` (one source index per output position) along dim d. */
function take(x: Tensor, d: number, idx: number[]): Tensor {
  const shape = x.shape.map((s, i) => (i === d ? idx.length : s));
  const view = x.shape.map((_, i) => (i === d ? idx.length : 1));
  // built on the arrays, so that tracing (ONNX export) sees one gather with a constant index
  return x.gather(d, new Tensor(T.tensor(idx, { dtype: 'int64' }).reshape(view).expand(shape).contiguous()));
}

/** ATen's compute_scales_value: 1 / scale when one was given, else in / out. */
const scaleOf = (round: (v: number) => number, inSize: number, outSize: number, scale: number | undefined) =>
  (scale !== undefined && scale > 0 ? round(1 / scale) : round(inSize / outSize));

function nearestDim(x: Tensor, d: number, outSize: number, scale: number | undefined, exact: boolean): Tensor {
  const inSize = x.shape[d];
  if (!exact && outSize === inSize) return x;
  const f = Math.fround;
  const s = scaleOf(f, inSize, outSize, scale);
  const idx = Array.from({ length: outSize }, (_, i) => {
    if (!exact && outSize === 2 * inSize) return i >> 1;
    return Math.min(Math.floor(f((exact ? i + 0.5 : i) * s)), inSize - 1);
  });
  return take(x, d, idx);
}

function linearDim(x: Tensor, d: number, outSize: number, scale: number | undefined, alignCorners: boolean): Tensor {
  const inSize = x.shape[d];
  if (outSize === inSize) return x;
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const s = alignCorners ? (outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0) : scaleOf(r, inSize, outSize, scale);
  const i0: number[] = [];
  const i1: number[] = [];
  const l1: number[] = [];
  for (let i = 0; i < outSize; i++) {
    const src = alignCorners ? r(s * i) : Math.max(r(r(s * (i + 0.5)) - 0.5), 0);
    const k = Math.trunc(src);
    i0.push(k);
    i1.push(k + (k < inSize - 1 ? 1 : 0));
    l1.push(Math.min(Math.max(r(src - k), 0), 1));
  }
  const view = x.shape.map((_, i) => (i === d ? outSize : 1));
  const w1 = new Tensor(T.tensor(l1, { dtype: x.dtype }).reshape(view));
  const w0 = new Tensor(T.tensor(l1.map((v) => r(1 - v)), { dtype: x.dtype }).reshape(view));
  return take(x, d, i0).mul(w0).add(take(x, d, i1).mul(w1));
}

/** The four weights of Keys' cubic convolution (A = -0.75) at fraction t, as ATen's get_cubic_upsample_coefficients, rounding as `r`. */
function cubicWeights(t: number, r: (v: number) => number): number[] {
  const A = -0.75;
  // ((A + 2) x - (A + 3)) x^2 + 1 for |x| <= 1, ((A x - 5A) x + 8A) x - 4A for 1 < |x| < 2
  const near = (x: number) => r(r(r(r(r(r(A + 2) * x) - r(A + 3)) * x) * x) + 1);
  const far = (x: number) => r(r(r(r(r(r(A * x) - r(5 * A)) * x) + r(8 * A)) * x) - r(4 * A));
  const x2 = r(1 - t);
  return [far(r(t + 1)), near(t), near(x2), far(r(x2 + 1))];
}

/** Bicubic resampling along dim d: four neighbours (clamped at the edges) weighted by cubicWeights, as upsample_bicubic2d. */
function cubicDim(x: Tensor, d: number, outSize: number, scale: number | undefined, alignCorners: boolean): Tensor {
  const inSize = x.shape[d];
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const s = alignCorners ? (outSize > 1 ? r((inSize - 1) / (outSize - 1)) : 0) : scaleOf(r, inSize, outSize, scale);
  const idx: number[][] = [[], [], [], []];
  const wts: number[][] = [[], [], [], []];
  for (let i = 0; i < outSize; i++) {
    // no clamping at 0 for cubic; the index is floorf of the position, in float as ATen's floorf
    const src = alignCorners ? r(s * i) : r(s * (i + 0.5) - 0.5);
    const k = Math.floor(Math.fround(src));
    const w = cubicWeights(r(src - k), r);
    for (let j = 0; j < 4; j++) {
      idx[j].push(Math.max(Math.min(k - 1 + j, inSize - 1), 0));
      wts[j].push(w[j]);
    }
  }
  const view = x.shape.map((_, i) => (i === d ? outSize : 1));
  const weight = (j: number) => new Tensor(T.tensor(wts[j], { dtype: x.dtype }).reshape(view));
  let y = take(x, d, idx[0]).mul(weight(0));
  for (let j = 1; j < 4; j++) y = y.add(take(x, d, idx[j]).mul(weight(j)));
  return y;
}

/** Resizes the spatial dims of [N, C, *] input (see the module doc). */
export function interpolate(input: Tensor, opts: InterpolateOptions = {}): Tensor {
  const mode = opts.mode ?? 'nearest';
  const nd = input.ndim - 2;
  if (nd < 1 || nd > 3) throw new ShapeError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
  const linear = LINEAR_DIMS[mode];
  const cubic = mode === 'bicubic';
  if (cubic && nd !== 2) throw new ValueError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got bicubic)`);
  if (linear === undefined && !cubic && mode !== 'nearest' && mode !== 'nearest-exact' && mode !== 'area') {
    throw new ValueError(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.ndim}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${String(mode)})`);
  }
  if (linear !== undefined && linear !== nd) throw new ShapeError(`Got ${input.ndim}D input, but ${mode} mode needs ${linear + 2}D input`);
  if (linear === undefined && !cubic && opts.alignCorners !== null && opts.alignCorners !== undefined) {
    throw new ValueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  }
  const { size, scaleFactor } = opts;
  const hasSize = size !== null && size !== undefined;
  const hasScale = scaleFactor !== null && scaleFactor !== undefined;
  if (hasSize && hasScale) throw new ValueError('only one of size or scale_factor should be defined');
  if (!hasSize && !hasScale) throw new ValueError('either size or scale_factor should be defined');
  const spatial = input.shape.slice(2);
  const expand = (v: number | readonly number[], name: string) => {
    if (typeof v === 'number') return new Array(nd).fill(v) as number[];
    if (v.length !== nd) throw new ValueError(`Input and ${name} must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(', ')}] and output size of [${v.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`);
    return [...v];
  };
  let outSize: number[];
  let scales: (number | undefined)[];
  if (hasSize) {
    outSize = expand(size!, 'output_size');
    scales = new Array(nd).fill(undefined);
  } else {
    const f = expand(scaleFactor!, 'scale_factor');
    outSize = spatial.map((s, i) => Math.floor(s * f[i]));
    scales = opts.recomputeScaleFactor ? new Array(nd).fill(undefined) : f;
  }
  if (mode === 'area') return adaptiveAvgPoolNd(nd, input, outSize);
  let y = input;
  // bicubic blends the last dim first, then the one before, as ATen's separable kernel nests its sums
  if (cubic) return cubicDim(cubicDim(y, 3, outSize[1], scales[1], opts.alignCorners ?? false), 2, outSize[0], scales[0], opts.alignCorners ?? false);
  for (let i = 0; i < nd; i++) {
    y = linear !== undefined
      ? linearDim(y, i + 2, outSize[i], scales[i], opts.alignCorners ?? false)
      : nearestDim(y, i + 2, outSize[i], scales[i], mode === 'nearest-exact');
  }
  return y;
}
