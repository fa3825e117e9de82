/**
 * Shape ops: reshape/view/flatten as ONNX Flatten or Reshape (leading dims kept as 0, "copy", so a
 * dynamic batch dim stays dynamic), narrow as Slice, select as Gather of one index,
 * permute/transpose as Transpose, cat as Concat, F.pad as
 * Pad, clone as Identity, expand as Expand, a dtype conversion as Cast, roll as Slices and Concat,
 * and writes into a tensor (copy_, in-place ops on views) as their source or a ScatterND.
 */
import type { Cat, CopySlices, Pad, Roll, ToCopy, View } from '@cresset/autograd';
import { NDArray } from '@cresset/tensor';
import { attr } from '../../schema/attributes';
import { onnxDataType } from '../../schema/tensor_proto';
import type { ConvertContext } from '../convert_context';

const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** A reshape to the traced output shape: Flatten(axis) when it is one, else Reshape. */
export function reshape(c: ConvertContext): void {
  const from = c.shapeOf(0);
  const to = c.out.shape;
  if (to.length === 2 && from.length >= 2) {
    for (let axis = 1; axis < from.length; axis++) {
      if (prod(from.slice(0, axis)) === to[0] && prod(from.slice(axis)) === to[1]) {
        c.result(...c.node('Flatten', [c.input(0)], [attr.int('axis', axis)]));
        return;
      }
    }
  }
  // leading dims that stay the same are written as 0 (copy from the input)
  const shape = [...to];
  for (let i = 0; i < Math.min(from.length, to.length) && from[i] === to[i] && from[i] !== 0; i++) shape[i] = 0;
  c.result(...c.node('Reshape', [c.input(0), c.graph.ints(shape)]));
}

/** The permutation a view function applies, found by running it on a probe array whose dims all differ. */
function probePermutation(fn: (a: NDArray) => NDArray, ndim: number): number[] {
  const sizes = Array.from({ length: ndim }, (_, i) => i + 2);
  const probe = new NDArray(new Float32Array(1), 'float32', sizes, new Array(ndim).fill(0));
  return fn(probe).shape.map((s) => sizes.indexOf(s));
}

/**
 * The (dim, start, length, step) of a slice along one dim, found by running it on a probe holding
 * each element's flat index: the dim whose size changed, the first element's coordinate along
 * it and the distance to the next one.
 */
function probeSlice(fn: (a: NDArray) => NDArray, shape: readonly number[]): [number, number, number, number] | null {
  const probe = new NDArray(Float64Array.from({ length: prod(shape) }, (_, i) => i), 'float64', shape);
  const out = fn(probe);
  const dim = out.shape.findIndex((s, i) => s !== shape[i]);
  if (dim < 0) return null;
  const stride = prod(shape.slice(dim + 1));
  const flat = out.size === 0 ? [] : out.contiguous().values();
  const at = (k: number) => Math.floor(Number(flat[k * prod(out.shape.slice(dim + 1))]) / stride) % shape[dim];
  const start = out.size === 0 ? 0 : at(0);
  const step = out.shape[dim] > 1 ? at(1) - start : 1;
  return [dim, start, out.shape[dim], step];
}

/**
 * The (dim, index) of a select, found by running it on a probe holding each element's flat index:
 * the dim whose removal gives the output's shape and whose select at the index the first element
 * names gives the same elements.
 */
function probeSelect(fn: (a: NDArray) => NDArray, shape: readonly number[]): [number, number] | null {
  const probe = new NDArray(Float64Array.from({ length: prod(shape) }, (_, i) => i), 'float64', shape);
  const out = fn(probe);
  if (out.size === 0) return null;
  const got = out.contiguous().values();
  for (let d = 0; d < shape.length; d++) {
    const rest = [...shape.slice(0, d), ...shape.slice(d + 1)];
    if (rest.length !== out.ndim || rest.some((n, i) => n !== out.shape[i])) continue;
    const index = Math.floor(Number(got[0]) / prod(shape.slice(d + 1))) % shape[d];
    const want = probe.select(d, index).contiguous().values();
    if (want.every((v, i) => v === got[i])) return [d, index];
  }
  return null;
}

/** View ops recorded by name: transposes, narrow as Slice, select as Gather of one index, and squeeze/unsqueeze as reshapes. */
export function view(c: ConvertContext, op: View): void {
  const name = op.name;
  if (name === 'TransposeBackward0' || name === 'PermuteBackward0' || name === 'TBackward0') {
    const perm = probePermutation(op.fn, c.shapeOf(0).length);
    c.result(...c.node('Transpose', [c.input(0)], [attr.ints('perm', perm)]));
  } else if (name.startsWith('SqueezeBackward') || name === 'UnsqueezeBackward0') {
    reshape(c);
  } else if (name === 'SliceBackward0') {
    const s = probeSlice(op.fn, c.shapeOf(0));
    if (!s) return c.result(...c.node('Identity', [c.input(0)]));
    const [dim, start, length, step] = s;
    const end = start + step * (length - 1) + 1;
    c.result(...c.node('Slice', [c.input(0), c.graph.ints([start]), c.graph.ints([end]), c.graph.ints([dim]), c.graph.ints([step])]));
  } else if (name === 'SelectBackward0') {
    const s = probeSelect(op.fn, c.shapeOf(0));
    if (!s) return c.unsupported('a select of an empty tensor');
    const index = NDArray.empty([], 'int64');
    index.data[0] = s[1];
    c.result(...c.node('Gather', [c.input(0), c.graph.constant(index)], [attr.int('axis', s[0])]));
  } else {
    c.unsupported(`the view op ${name}`);
  }
}

export function cat(c: ConvertContext, { dim }: Cat): void {
  const axis = dim < 0 ? dim + c.out.ndim : dim;
  c.result(...c.node('Concat', c.inputs.map((_, i) => c.promoted(i)), [attr.int('axis', axis)]));
}

/** F.pad: PyTorch's (last dim first) pairs become ONNX's [begins..., ends...] over all dims. */
export function pad(c: ConvertContext, { padding, mode, value }: Pad): void {
  const nd = c.shapeOf(0).length;
  const begins = new Array(nd).fill(0);
  const ends = new Array(nd).fill(0);
  for (let k = 0; k < padding.length / 2; k++) {
    begins[nd - 1 - k] = padding[2 * k];
    ends[nd - 1 - k] = padding[2 * k + 1];
  }
  if (mode === 'circular') {
    c.result(circularPad(c, begins, ends));
    return;
  }
  const onnxMode = { constant: 'constant', reflect: 'reflect', replicate: 'edge' }[mode as string];
  if (!onnxMode) c.unsupported(`F.pad with mode='${mode}'`);
  const ins = [c.input(0), c.graph.ints([...begins, ...ends])];
  if (mode === 'constant') ins.push(c.graph.valueOf(value, c.out.dtype, c.where));
  c.result(...c.node('Pad', ins, [attr.string('mode', onnxMode)]));
}

/**
 * Circular padding (ONNX's 'wrap' mode only exists from opset 19): per padded dim, the input's last
 * `begin` and first `end` entries concatenated around it, as PyTorch's exporter writes it.
 */
function circularPad(c: ConvertContext, begins: number[], ends: number[]): string {
  let x = c.input(0);
  const g = c.graph;
  begins.forEach((b, d) => {
    const e = ends[d];
    if (b === 0 && e === 0) return;
    if (b < 0 || e < 0) c.unsupported('negative circular padding');
    const parts: string[] = [];
    if (b > 0) parts.push(c.node('Slice', [x, g.ints([-b]), g.ints([Number.MAX_SAFE_INTEGER]), g.ints([d])])[0]);
    parts.push(x);
    if (e > 0) parts.push(c.node('Slice', [x, g.ints([0]), g.ints([e]), g.ints([d])])[0]);
    x = c.node('Concat', parts, [attr.int('axis', d)])[0];
  });
  return x;
}

/** roll: per rolled dim, its last `shift` entries concatenated before the rest (the flattened tensor's when no dims). */
export function roll(c: ConvertContext, { shifts, dims }: Roll): void {
  const shape = c.shapeOf(0);
  const g = c.graph;
  let x = c.input(0);
  const flat = dims.length === 0;
  const size = flat ? [prod(shape)] : shape;
  if (flat) x = c.node('Reshape', [x, g.ints([-1])])[0];
  const by = new Map<number, number>();
  (flat ? [0] : dims).forEach((d, i) => {
    const w = d < 0 ? d + size.length : d;
    by.set(w, (by.get(w) ?? 0) + shifts[i]);
  });
  for (const [d, total] of by) {
    const n = size[d];
    const s = n === 0 ? 0 : ((total % n) + n) % n;
    if (s === 0) continue;
    const tail = c.node('Slice', [x, g.ints([n - s]), g.ints([n]), g.ints([d])])[0];
    const head = c.node('Slice', [x, g.ints([0]), g.ints([n - s]), g.ints([d])])[0];
    x = c.node('Concat', [tail, head], [attr.int('axis', d)])[0];
  }
  c.result(flat ? c.node('Reshape', [x, g.ints([...shape])])[0] : x === c.input(0) ? c.node('Identity', [x])[0] : x);
}

export function identity(c: ConvertContext): void {
  c.result(...c.node('Identity', [c.input(0)]));
}

export function expand(c: ConvertContext): void {
  c.result(...c.node('Expand', [c.input(0), c.graph.ints(c.out.shape)]));
}

/** x.to(dtype) as Cast. */
export function toCopy(c: ConvertContext, { dtype }: ToCopy): void {
  c.result(...c.node('Cast', [c.input(0)], [attr.int('to', onnxDataType(dtype))]));
}

/**
 * CopySlices (copy_, an in-place op's write-back, an in-place op on a view): the source cast to
 * the target's dtype and expanded to the region's shape. Over the whole tensor that is the result
 * (no node where it already fits); into part of it, a ScatterND of the region's elements into the
 * flattened target, their positions found by running the region on a probe of flat indices (so
 * the graph is for the traced shape).
 */
export function copySlices(c: ConvertContext, { region }: CopySlices): void {
  const shape = c.shapeOf(0);
  const probe = new NDArray(Float64Array.from({ length: prod(shape) }, (_, i) => i), 'float64', shape);
  const seen = region(probe);
  const positions = seen.contiguous().values();
  const whole = seen.size === probe.size && seen.shape.length === shape.length && positions.every((v, i) => v === i);
  const src = c.inputs[1];
  const srcShape = typeof src === 'number' ? [] : src.shape;
  const target = whole ? shape : seen.shape;
  let v = c.promoted(1);
  if (srcShape.length !== target.length || srcShape.some((s, i) => s !== target[i])) v = c.node('Expand', [v, c.graph.ints(target)])[0];
  if (whole) return c.result(v);
  const indices = NDArray.empty([positions.length, 1], 'int64');
  positions.forEach((p, i) => (indices.data[i] = Number(p)));
  const flatTarget = c.node('Reshape', [c.input(0), c.graph.ints([-1])])[0];
  const flatValue = c.node('Reshape', [v, c.graph.ints([-1])])[0];
  const scattered = c.node('ScatterND', [flatTarget, c.graph.constant(indices), flatValue])[0];
  c.result(...c.node('Reshape', [scattered, c.graph.ints([...shape])]));
}
