/**
 * Fractional max pooling (Graham's, as ATen's fractional_max_pool2d/3d): each spatial dim is cut
 * into `out` windows of size `pool` whose starts come from one random sample u in [0, 1) per plane
 * and dim: start(i) = int((i + u) * alpha) - int(u * alpha), alpha = (in - pool) / (out - 1), the
 * last window ending at the input's end; each window's maximum (NaN winning) and its flat index
 * within the plane. Arithmetic in float for float32 input, as ATen's.
 */
import { ShapeError } from '../errors';
import { NDArray } from '../ndarray';

/** ATen's generate_intervals: the window starts along one dim. */
function intervals(u: number, inSize: number, outSize: number, pool: number, r: (v: number) => number): number[] {
  const seq = new Array<number>(outSize);
  if (outSize > 1) {
    const alpha = r(r(inSize - pool) / r(outSize - 1));
    const offset = Math.trunc(r(u * alpha));
    for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + u) * alpha)) - offset;
  }
  if (outSize > 0) seq[outSize - 1] = inSize - pool;
  return seq;
}

const DIM_NAMES: Record<number, string[]> = { 2: ['height', 'width'], 3: ['time', 'height', 'width'] };

/**
 * x [N, C, *spatial] (or [C, *spatial]) pooled to `outSize` with windows `kernel`; samples
 * [N, C, nd] (N = 1 unbatched) in x's dtype. Which sample drives which dim follows ATen: for
 * 2-d, sample 0 the width and 1 the height; for 3-d, 0 time, 1 height, 2 width.
 */
export function fractionalMaxPool(x: NDArray, kernel: readonly number[], outSize: readonly number[], samples: NDArray): [NDArray, NDArray] {
  const nd = kernel.length;
  const op = `fractional_max_pool${nd}d`;
  if (x.ndim !== nd + 1 && x.ndim !== nd + 2) throw new ShapeError(`${op}(): Expected ${nd + 1}D or ${nd + 2}D tensor, but got: [${x.shape.join(', ')}]`);
  const spatial = x.shape.slice(x.ndim - nd);
  spatial.forEach((s, d) => {
    if (outSize[d] + kernel[d] - 1 > s) throw new ShapeError(`${op}${nd === 3 ? '_out' : ''}(): pool ${DIM_NAMES[nd][d]} ${kernel[d]} too large relative to input ${DIM_NAMES[nd][d]} ${s}`);
  });
  const planes = x.size / Math.max(spatial.reduce((a, b) => a * b, 1), 1);
  if (samples.size !== planes * nd) throw new ShapeError(`${op}(): expected _random_samples of ${planes * nd} values ([N, C, ${nd}]), got shape [${samples.shape.join(', ')}]`);
  const r = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  const xc = x.contiguous();
  const sc = samples.contiguous();
  const lead = x.shape.slice(0, x.ndim - nd);
  const values = NDArray.empty([...lead, ...outSize], x.dtype);
  const indices = NDArray.empty([...lead, ...outSize], 'int64');
  const inPlane = spatial.reduce((a, b) => a * b, 1);
  const outPlane = outSize.reduce((a, b) => a * b, 1);
  const sampleOf = (d: number) => (nd === 2 ? 1 - d : d);
  const strides = spatial.map((_, d) => spatial.slice(d + 1).reduce((a, b) => a * b, 1));
  for (let p = 0; p < planes; p++) {
    const starts = spatial.map((s, d) => intervals(sc.data[sc.offset + p * nd + sampleOf(d)], s, outSize[d], kernel[d], r));
    const base = xc.offset + p * inPlane;
    const at = new Array<number>(nd).fill(0);
    for (let o = 0; o < outPlane; o++) {
      // the window's cells in row-major order, the first maximum (or NaN) kept
      let best = -Infinity;
      let bestIndex = at.reduce((acc, i, d) => acc + starts[d][i] * strides[d], 0);
      const cell = new Array<number>(nd).fill(0);
      const cells = kernel.reduce((a, b) => a * b, 1);
      for (let c = 0; c < cells; c++) {
        const idx = cell.reduce((acc, k, d) => acc + (starts[d][at[d]] + k) * strides[d], 0);
        const v = xc.data[base + idx];
        if (v > best || v !== v) {
          best = v;
          bestIndex = idx;
        }
        for (let d = nd - 1; d >= 0 && ++cell[d] === kernel[d]; d--) cell[d] = 0;
      }
      values.data[p * outPlane + o] = best;
      indices.data[p * outPlane + o] = bestIndex;
      for (let d = nd - 1; d >= 0 && ++at[d] === outSize[d]; d--) at[d] = 0;
    }
  }
  return [values, indices];
}
