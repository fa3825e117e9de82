/** Shape arithmetic: strides, sizes, broadcasting and dimension wrapping, with PyTorch's rules and messages. */
import { IndexError, ShapeError } from './errors';

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides, as a new contiguous tensor has. */
export function contiguousStrides(shape: Shape): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return st;
}

/** PyTorch's torch.Size repr: torch.Size([32, 3, 128, 128]). */
export function formatSize(shape: Shape): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** Wraps a possibly negative dim into [0, ndim), as maybe_wrap_dim does; a 0-d tensor accepts -1 and 0. */
export function wrapDim(dim: number, ndim: number, op = 'dim'): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(`${op}: Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Broadcasts shapes by PyTorch's (NumPy's) rule: align trailing dims; a dim of 1 stretches. */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcast'): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}` +
          ` (shapes [${a.join(', ')}] and [${b.join(', ')}])`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if expanded to `target` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: Shape, target: Shape): number[] {
  const off = target.length - shape.length;
  const out = new Array<number>(target.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 && target[i + off] !== 1 ? 0 : strides[i];
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Resolves one -1 in a requested shape against numel, as view/reshape do. */
export function inferSize(shape: Shape, n: number, op: string): number[] {
  let infer = -1;
  let known = 1;
  shape.forEach((s, i) => {
    if (s === -1) {
      if (infer >= 0) throw new ShapeError(`${op}: only one dimension can be inferred`);
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`${op}: invalid shape dimension ${s} in [${shape.join(', ')}]`);
    } else known *= s;
  });
  const out = [...shape];
  if (infer >= 0) {
    if (known === 0 || n % known !== 0) throw new ShapeError(`${op}: shape '[${shape.join(', ')}]' is invalid for input of size ${n}`);
    out[infer] = n / known;
  } else if (known !== n) {
    throw new ShapeError(`${op}: shape '[${shape.join(', ')}]' is invalid for input of size ${n}`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as newShape without a copy, or null when impossible
 * (PyTorch's computeStride: each run of merged old dims must be contiguous in memory).
 */
export function viewStrides(shape: Shape, strides: Shape, newShape: Shape): number[] | null {
  const n = numel(shape);
  if (n === 0 || shape.length === 0) return contiguousStrides(newShape);
  const out = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBase = strides[strides.length - 1] ?? 1;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

/** Normalises a shape given as varargs or as one array: f(2, 3) and f([2, 3]). */
export function shapeArgs(args: ReadonlyArray<number | readonly number[]>): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as number[])];
  return args as number[];
}

/**
 * torch.Size: the shape of a tensor, an array of numbers that prints as PyTorch prints it
 * (torch.Size([32, 3, 128, 128])), also through console.log.
 */
export class Size extends Array<number> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  static fromShape(dims: readonly number[]): Size {
    const s = new Size();
    s.push(...dims);
    return s;
  }
  /** Number of elements a tensor of this shape holds (torch.Size.numel()). */
  numel(): number {
    return numel(this);
  }
  override toString(): string {
    return formatSize(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return formatSize(this);
  }
}
