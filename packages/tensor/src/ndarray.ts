/**
 * NDArray: a dtype, a shape, strides and an offset over a shared typed-array storage (ATen's
 * TensorImpl without autograd). View operations return NDArrays over the same storage; the
 * storage's version counter is shared by all its views, so autograd can detect in-place changes.
 */
import { allocate, DType, TypedArray } from './dtype';
import { noteRead } from './capture';
import { IndexError, ShapeError, ValueError } from './errors';
import { backend } from './kernels';
import type { Strided } from './kernels';
import { formatTensor } from './print';
import { contiguousStrides, formatSize, inferSize, numel, Shape, viewStrides, wrapDim } from './shape';

/** Counts in-place writes to one storage (PyTorch's version counter). */
export interface VersionCounter {
  version: number;
}

export class NDArray implements Strided {
  readonly data: TypedArray;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly versionCounter: VersionCounter;

  constructor(data: TypedArray, dtype: DType, shape: Shape, strides?: Shape, offset = 0, versionCounter?: VersionCounter) {
    this.data = data;
    this.dtype = dtype;
    this.shape = [...shape];
    this.strides = strides ? [...strides] : contiguousStrides(shape);
    this.offset = offset;
    this.versionCounter = versionCounter ?? { version: 0 };
  }

  /** A new, zero-filled, contiguous array; `op` names the operation in an AllocationError. */
  static empty(shape: Shape, dtype: DType = 'float32', op = 'empty'): NDArray {
    return new NDArray(allocate(dtype, numel(shape), op, shape), dtype, shape);
  }

  /**
   * A new contiguous array whose every element the caller is about to write (a kernel's output):
   * pooled storage then skips the zero fill. Ordinary storage is zero-filled all the same.
   */
  static output(shape: Shape, dtype: DType = 'float32', op = 'empty'): NDArray {
    return new NDArray(allocate(dtype, numel(shape), op, shape, false), dtype, shape);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return numel(this.shape);
  }

  /** Marks an in-place write (bumps the storage's version). */
  bumpVersion(): void {
    this.versionCounter.version++;
  }

  /** A view of the same storage with other geometry. */
  asStrided(shape: Shape, strides: Shape, offset = this.offset): NDArray {
    return new NDArray(this.data, this.dtype, shape, strides, offset, this.versionCounter);
  }

  isContiguous(): boolean {
    let expected = 1;
    for (let d = this.ndim - 1; d >= 0; d--) {
      if (this.shape[d] !== 1 && this.strides[d] !== expected) return false;
      expected *= this.shape[d];
    }
    return true;
  }

  /** Itself when contiguous, else a contiguous copy (Tensor.contiguous()). */
  contiguous(): NDArray {
    return this.isContiguous() ? this : this.clone('contiguous');
  }

  /** A contiguous copy with its own storage. */
  clone(op = 'clone'): NDArray {
    const out = NDArray.output(this.shape, this.dtype, op);
    backend().unary('copy', this.shape, this, out);
    return out;
  }

  /** The elements in row-major order as a typed array (the storage itself when it already is exactly that). */
  values(): TypedArray {
    const c = this.contiguous();
    if (c.offset === 0 && c.data.length === c.size) return c.data;
    return c.data.subarray(c.offset, c.offset + c.size);
  }

  /** Flat element i (row-major), without a copy. */
  at(i: number): number {
    noteRead('it reads a tensor element in JavaScript');
    let idx = this.offset;
    for (let d = this.ndim - 1; d >= 0; d--) {
      const s = this.shape[d];
      idx += (i % s) * this.strides[d];
      i = Math.floor(i / s);
    }
    return this.data[idx];
  }

  /** The value of a one-element array (Tensor.item()). */
  item(): number | boolean {
    if (this.size !== 1) {
      throw new ShapeError(`item(): a Tensor with ${this.size} elements cannot be converted to Scalar`);
    }
    noteRead('it reads a tensor value in JavaScript (item())');
    const v = this.data[this.offset];
    return this.dtype === 'bool' ? v !== 0 : v;
  }

  /** Nested arrays, like Tensor.tolist(); bool arrays give booleans. */
  toArray(): unknown {
    noteRead('it reads tensor values in JavaScript (tolist())');
    const flat = this.values();
    const isBool = this.dtype === 'bool';
    const build = (d: number, base: number): unknown => {
      if (d === this.ndim) return isBool ? flat[base] !== 0 : flat[base];
      const stride = numel(this.shape.slice(d + 1));
      const out = new Array(this.shape[d]);
      for (let i = 0; i < this.shape[d]; i++) out[i] = build(d + 1, base + i * stride);
      return out;
    };
    return build(0, 0);
  }

  toString(suffixes: string[] = []): string {
    noteRead('it prints a tensor');
    return formatTensor(this.values(), this.shape, this.dtype, suffixes);
  }

  // ---- views ----------------------------------------------------------------------------

  /** A view with a new shape; fails when the strides do not allow it (Tensor.view). */
  view(shape: Shape): NDArray {
    const target = inferSize(shape, this.size, 'view');
    const st = viewStrides(this.shape, this.strides, target);
    if (!st) {
      throw new ShapeError(
        `view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead. (view of ${formatSize(this.shape)} as [${shape.join(', ')}])`,
      );
    }
    return this.asStrided(target, st);
  }

  /** A view when the strides allow it, else a contiguous copy (Tensor.reshape). */
  reshape(shape: Shape): NDArray {
    const target = inferSize(shape, this.size, 'reshape');
    const st = viewStrides(this.shape, this.strides, target);
    return st ? this.asStrided(target, st) : this.clone().asStrided(target, contiguousStrides(target), 0);
  }

  permute(dims: Shape): NDArray {
    if (dims.length !== this.ndim) {
      throw new ShapeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${this.ndim} is not equal to len(dims) = ${dims.length}`);
    }
    const seen = new Set<number>();
    const d = dims.map((x) => wrapDim(x, this.ndim, 'permute'));
    for (const x of d) {
      if (seen.has(x)) throw new ShapeError(`permute(): duplicate dims are not allowed (got [${dims.join(', ')}])`);
      seen.add(x);
    }
    return this.asStrided(d.map((i) => this.shape[i]), d.map((i) => this.strides[i]));
  }

  transpose(dim0: number, dim1: number): NDArray {
    if (this.ndim === 0) return this;
    const a = wrapDim(dim0, this.ndim, 'transpose');
    const b = wrapDim(dim1, this.ndim, 'transpose');
    const perm = this.shape.map((_, i) => (i === a ? b : i === b ? a : i));
    return this.permute(perm);
  }

  /** Transpose of a tensor of at most 2 dims (Tensor.t). */
  t(): NDArray {
    if (this.ndim > 2) throw new ShapeError(`t() expects a tensor with <= 2 dimensions, but self is ${this.ndim}D`);
    return this.ndim < 2 ? this : this.transpose(0, 1);
  }

  squeeze(dim?: number | readonly number[]): NDArray {
    const dims = dim === undefined ? null : new Set((typeof dim === 'number' ? [dim] : dim).map((x) => wrapDim(x, this.ndim, 'squeeze')));
    const keep = this.shape.map((s, i) => !(s === 1 && (dims === null || dims.has(i))));
    return this.asStrided(this.shape.filter((_, i) => keep[i]), this.strides.filter((_, i) => keep[i]));
  }

  unsqueeze(dim: number): NDArray {
    const d = wrapDim(dim, this.ndim + 1, 'unsqueeze');
    const shape = [...this.shape];
    const strides = [...this.strides];
    const st = d < this.ndim ? this.shape[d] * this.strides[d] : 1;
    shape.splice(d, 0, 1);
    strides.splice(d, 0, st);
    return this.asStrided(shape, strides);
  }

  /** Broadcasts size-1 dims (and new leading dims) to `shape` with zero strides; -1 keeps a size. */
  expand(shape: Shape): NDArray {
    const n = shape.length;
    if (n < this.ndim) {
      throw new ShapeError(`expand: the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${this.ndim})`);
    }
    const off = n - this.ndim;
    const outShape = new Array<number>(n);
    const outStrides = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const j = i - off;
      const want = shape[i];
      if (j < 0) {
        if (want < 0) throw new ShapeError(`expand: the expanded size of the tensor (${want}) isn't allowed in a leading, non-existing dimension ${i}`);
        outShape[i] = want;
        outStrides[i] = 0;
      } else {
        const have = this.shape[j];
        const size = want === -1 ? have : want;
        if (have !== size && have !== 1) {
          throw new ShapeError(`expand: The expanded size of the tensor (${size}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: [${shape.join(', ')}].  Tensor sizes: [${this.shape.join(', ')}]`);
        }
        outShape[i] = size;
        outStrides[i] = have === size ? this.strides[j] : 0;
      }
    }
    return this.asStrided(outShape, outStrides);
  }

  /** Elements start..start+length-1 of `dim` (Tensor.narrow). */
  narrow(dim: number, start: number, length: number): NDArray {
    const d = wrapDim(dim, this.ndim, 'narrow');
    const size = this.shape[d];
    if (start < 0) start += size;
    if (start < 0 || length < 0 || start + length > size) {
      throw new IndexError(`narrow(): start (${start}) + length (${length}) exceeds dimension size (${size}).`);
    }
    return this.slice(d, start, start + length, 1);
  }

  /** Python slicing start:end:step on one dim, with Python's clamping of out-of-range bounds. */
  slice(dim: number, start: number | null = null, end: number | null = null, step = 1): NDArray {
    const d = wrapDim(dim, this.ndim, 'slice');
    if (!Number.isInteger(step) || step <= 0) throw new ValueError(`slice: step must be greater than zero (got ${step})`);
    const size = this.shape[d];
    const clampIdx = (v: number | null, dflt: number) => {
      if (v === null) return dflt;
      if (v < 0) v += size;
      return Math.min(Math.max(v, 0), size);
    };
    const s = clampIdx(start, 0);
    const e = Math.max(clampIdx(end, size), s);
    const shape = [...this.shape];
    const strides = [...this.strides];
    shape[d] = Math.ceil((e - s) / step);
    strides[d] = this.strides[d] * step;
    return this.asStrided(shape, strides, this.offset + s * this.strides[d]);
  }

  /** Element `index` of `dim`, removing the dim (Tensor.select). */
  select(dim: number, index: number): NDArray {
    const d = wrapDim(dim, this.ndim, 'select');
    const size = this.shape[d];
    if (index < -size || index >= size) {
      throw new IndexError(`select(): index ${index} out of range for tensor of size [${this.shape.join(', ')}] at dimension ${d}`);
    }
    if (index < 0) index += size;
    const shape = this.shape.filter((_, i) => i !== d);
    const strides = this.strides.filter((_, i) => i !== d);
    return this.asStrided(shape, strides, this.offset + index * this.strides[d]);
  }

  /** Merges dims startDim..endDim into one (torch.flatten): a view when possible. */
  flatten(startDim = 0, endDim = -1): NDArray {
    if (this.ndim === 0) return this.reshape([1]);
    const s = wrapDim(startDim, this.ndim, 'flatten');
    const e = wrapDim(endDim, this.ndim, 'flatten');
    if (s > e) throw new ShapeError('flatten() has invalid args: start_dim cannot come after end_dim');
    const shape = [...this.shape.slice(0, s), numel(this.shape.slice(s, e + 1)), ...this.shape.slice(e + 1)];
    return this.reshape(shape);
  }

  /** Splits `dim` into `sizes` (torch.unflatten). */
  unflatten(dim: number, sizes: Shape): NDArray {
    const d = wrapDim(dim, this.ndim, 'unflatten');
    const inner = inferSize(sizes, this.shape[d], 'unflatten');
    return this.view([...this.shape.slice(0, d), ...inner, ...this.shape.slice(d + 1)]);
  }
}
