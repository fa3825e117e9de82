/**
 * The hot float32 elementwise ops on the wasm kernels (ReLU and its backward, clamp (ReLU6,
 * hardtanh, hardswish), abs, sqrt and squares, the arithmetic of optimizers, autograd's gradient
 * sums, BatchNorm's per-channel terms), when the merged dims form
 * rows (in up to 1024 slices of an outer dim) in which every input is contiguous or one broadcast
 * value (a bias row, a channel's value, a scalar); anything else goes to the reference backend,
 * whose results these kernels reproduce exactly (see assembly/elementwise.ts).
 */
import type { Backend, BinaryOp, Strided, UnaryOp } from '../backend';
import { QUEUE_TASKS } from '../threads/protocol';
import type { Task } from '../threads';
import { referenceBackend } from '../reference';
import { collapse } from '../reference/loops';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageMatrix, stageRange } from './staging';

/** Op codes of assembly/elementwise.ts, by position. */
const UNARY_OPS: readonly UnaryOp[] = ['copy', 'relu', 'neg', 'clamp', 'clampMin', 'clampMax', 'abs', 'sqrt', 'square'];
const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'addScaled', 'reluBackward'];

/** Below this many elements the staging costs more than the JavaScript loop. */
const MIN_ELEMENTS = 64;

/** Slices of the outer dim at most: past it the JavaScript loop is cheaper than the tasks. */
const MAX_OUTER = 1024;

/**
 * A float32 loop of outer x rows x n: per operand an outer stride, a row stride and an inner
 * stride (0 or 1 for inputs, 1 for the output); the output is contiguous when outer > 1.
 */
interface RowLoop {
  outer: number;
  rows: number;
  n: number;
  os: number[];
  rs: number[];
  cs: number[];
}

/** The row loop of the operands (inputs, then output) once dims are merged, or null when it does not fit. */
function rowLoop(shape: readonly number[], operands: readonly Strided[]): RowLoop | null {
  if (!operands.every((o) => o.data instanceof Float32Array)) return null;
  const [cs, cst] = collapse(shape, operands.map((o) => o.strides));
  if (cs.length < 1 || cs.length > 3) return null;
  const inner = cst.map((s) => s[s.length - 1]);
  if (inner[inner.length - 1] !== 1 || inner.some((s) => s !== 0 && s !== 1)) return null;
  const d = cs.length;
  const outer = d === 3 ? cs[0] : 1;
  const rows = d >= 2 ? cs[d - 2] : 1;
  const n = cs[d - 1];
  if (outer * rows * n < MIN_ELEMENTS || outer > MAX_OUTER) return null;
  const os = cst.map((s) => (d === 3 ? s[0] : 0));
  const rs = cst.map((s) => (d >= 2 ? s[d - 2] : 0));
  // an outer dim needs a contiguous output (one dense block)
  const o = operands.length - 1;
  if (d === 3 && (rs[o] !== n || os[o] !== rows * n)) return null;
  return { outer, rows, n, os, rs, cs: inner };
}

/**
 * The row loop cut into taskCount parts (the pool queues them when they outnumber the threads): rows when
 * there are enough of them, else columns (in multiples of four); each part is [first row, rows,
 * first column, columns].
 */
function parts(l: RowLoop, threads: number): [number, number, number, number][] {
  const t = taskCount(threads, l.rows * l.n, l.rows * l.n);
  if (t <= 1) return [[0, l.rows, 0, l.n]];
  if (l.rows >= t) return blocks(l.rows, t, 1).map(([r, m]) => [r, m, 0, l.n]);
  // fewer rows than parts: each row cut into column blocks
  const cols = blocks(l.n, Math.ceil(t / l.rows), 4);
  return Array.from({ length: l.rows }, (_, r) => cols.map(([c, m]) => [r, 1, c, m] as [number, number, number, number])).flat();
}

/** The lowest and one past the highest element operand i reaches, relative to its offset. */
function span(l: RowLoop, i: number): [number, number] {
  let lo = 0, hi = 0;
  for (const [size, stride] of [[l.outer, l.os[i]], [l.rows, l.rs[i]], [l.n, l.cs[i]]]) {
    if (stride < 0) lo += (size - 1) * stride;
    else hi += (size - 1) * stride;
  }
  return [lo, hi + 1];
}

export function createElementwiseKernels(ctx: WasmContext): Pick<Backend, 'unary' | 'binary'> {
  const { rt, k } = ctx;
  /** An input in wasm memory: its address and strides, copied in when it is not there already. */
  const stage = (o: Strided, l: RowLoop, i: number): Staged => {
    if (l.outer === 1) return { ...stageMatrix(rt, o.data as Float32Array, o.offset, l.rows, l.n, l.rs[i], l.cs[i]), os: 0 };
    const [lo, hi] = span(l, i);
    const ptr = stageRange(rt, o.data as Float32Array, o.offset + lo, hi - lo) - lo * 4;
    return { ptr, os: l.os[i], rs: l.rs[i], cs: l.cs[i] };
  };
  const output = (o: Strided, l: RowLoop, i: number) => new OutputMatrix(rt, o.data as Float32Array, o.offset, l.outer * l.rows, l.n, l.outer > 1 ? l.n : l.rs[i], false);
  /** Byte address of element (o, r, c) of a staged operand. */
  const at = (m: Staged, o: number, r: number, c: number) => m.ptr + 4 * (o * m.os + r * m.rs + c * m.cs);
  /** The output as a staged operand: outer slices one after another. */
  const staged = (out: OutputMatrix, l: RowLoop): Staged => ({ ptr: out.ptr, os: l.rows * out.ld, rs: out.ld, cs: 1 });
  /** Each outer slice's parts ([slice, first row, rows, first column, columns]). */
  const slices = (l: RowLoop, threads: number) => {
    const perSlice = parts({ ...l, outer: 1 }, Math.max(1, Math.ceil(threads / l.outer)));
    return Array.from({ length: l.outer }, (_, o) => perSlice.map(([r, m, c, n]) => [o, r, m, c, n] as const)).flat();
  };
  /** The ops' two float64 parameters in wasm memory (task arguments are int32), their address. */
  const params = (p: number, q: number) => {
    const pAt = rt.alloc(16);
    new Float64Array(rt.memory.buffer, pAt, 2).set([p, q]);
    return pAt;
  };
  /** Runs the tasks: shared out when the loop is big enough for threads (at most a queue's worth at a time), else one after another here. */
  const runAll = (l: RowLoop, threads: number, tasks: Task[]) => {
    if (tasks.length > 1 && taskCount(threads, l.outer * l.rows * l.n, 2) <= 1) for (const t of tasks) ctx.run([t]);
    else for (let i = 0; i < tasks.length; i += QUEUE_TASKS) ctx.run(tasks.slice(i, i + QUEUE_TASKS));
  };

  function unary(op: UnaryOp, shape: readonly number[], a: Strided, out: Strided, p?: number, q?: number): void {
    const code = UNARY_OPS.indexOf(op);
    const l = code < 0 ? null : rowLoop(shape, [a, out]);
    if (!l) return referenceBackend.unary(op, shape, a, out, p, q);
    ctx.scoped((threads) => {
      const x = stage(a, l, 0);
      const o = output(out, l, 1);
      const oo = staged(o, l);
      const pAt = params(p ?? 0, q ?? 0);
      runAll(l, threads, slices(l, threads).map(([s, r, m, c, n]) => ({ op: 'unaryF32', args: [code, m, n, at(x, s, r, c), x.rs, x.cs, at(oo, s, r, c), o.ld, pAt] })));
      o.commit();
    });
  }

  function binary(op: BinaryOp, shape: readonly number[], a: Strided, b: Strided, out: Strided, p = 0): void {
    const code = BINARY_OPS.indexOf(op);
    const l = code < 0 ? null : rowLoop(shape, [a, b, out]);
    if (!l) return referenceBackend.binary(op, shape, a, b, out, p);
    ctx.scoped((threads) => {
      const x = stage(a, l, 0);
      const y = stage(b, l, 1);
      const o = output(out, l, 2);
      const oo = staged(o, l);
      const pAt = params(p, 0);
      runAll(l, threads, slices(l, threads).map(([s, r, m, c, n]) => ({ op: 'binaryF32', args: [code, m, n, at(x, s, r, c), x.rs, x.cs, at(y, s, r, c), y.rs, y.cs, at(oo, s, r, c), o.ld, pAt] })));
      o.commit();
    });
  }

  return { unary, binary };
}

/** An operand in wasm memory: byte address of element (0, 0, 0) and element strides. */
interface Staged {
  ptr: number;
  os: number;
  rs: number;
  cs: number;
}
