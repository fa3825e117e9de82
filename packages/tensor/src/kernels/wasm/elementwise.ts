/**
 * The hot float32 elementwise ops on the wasm kernels (ReLU and its backward, the arithmetic of
 * optimizers and autograd's gradient sums), when the merged dims form rows in which every input
 * is contiguous or one broadcast value (a bias row, a scalar); anything else goes to the reference backend, whose results these
 * kernels reproduce exactly (see assembly/elementwise.ts).
 */
import type { Backend, BinaryOp, Strided, UnaryOp } from '../backend';
import { referenceBackend } from '../reference';
import { collapse } from '../reference/loops';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageMatrix } from './staging';

/** Op codes of assembly/elementwise.ts, by position. */
const UNARY_OPS: readonly UnaryOp[] = ['copy', 'relu', 'neg'];
const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'addScaled', 'reluBackward'];

/** Below this many elements the staging costs more than the JavaScript loop. */
const MIN_ELEMENTS = 64;

/** A float32 loop of rows x n: per operand a row stride and an inner stride (0 or 1 for inputs, 1 for the output). */
interface RowLoop {
  rows: number;
  n: number;
  rs: number[];
  cs: number[];
}

/** The row loop of the operands (inputs, then output) once dims are merged, or null when it does not fit. */
function rowLoop(shape: readonly number[], operands: readonly Strided[]): RowLoop | null {
  if (!operands.every((o) => o.data instanceof Float32Array)) return null;
  const [cs, cst] = collapse(shape, operands.map((o) => o.strides));
  if (cs.length < 1 || cs.length > 2) return null;
  const inner = cst.map((s) => s[s.length - 1]);
  if (inner[inner.length - 1] !== 1 || inner.some((s) => s !== 0 && s !== 1)) return null;
  const rows = cs.length === 2 ? cs[0] : 1;
  const n = cs[cs.length - 1];
  if (rows * n < MIN_ELEMENTS) return null;
  return { rows, n, rs: cst.map((s) => (s.length === 2 ? s[0] : 0)), cs: inner };
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

export function createElementwiseKernels(ctx: WasmContext): Pick<Backend, 'unary' | 'binary'> {
  const { rt, k } = ctx;
  const stage = (o: Strided, l: RowLoop, i: number) => stageMatrix(rt, o.data as Float32Array, o.offset, l.rows, l.n, l.rs[i], l.cs[i]);
  const output = (o: Strided, l: RowLoop, i: number) => new OutputMatrix(rt, o.data as Float32Array, o.offset, l.rows, l.n, l.rs[i], false);
  /** Byte address of element (r, c) of a staged operand. */
  const at = (m: { ptr: number; rs: number; cs: number }, r: number, c: number) => m.ptr + 4 * (r * m.rs + c * m.cs);

  function unary(op: UnaryOp, shape: readonly number[], a: Strided, out: Strided, p?: number, q?: number): void {
    const code = UNARY_OPS.indexOf(op);
    const l = code < 0 ? null : rowLoop(shape, [a, out]);
    if (!l) return referenceBackend.unary(op, shape, a, out, p, q);
    ctx.scoped((threads) => {
      const x = stage(a, l, 0);
      const o = output(out, l, 1);
      const oo = { ptr: o.ptr, rs: o.ld, cs: 1 };
      ctx.run(parts(l, threads).map(([r, m, c, n]) => ({ op: 'unaryF32', args: [code, m, n, at(x, r, c), x.rs, x.cs, at(oo, r, c), o.ld] })));
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
      const oo = { ptr: o.ptr, rs: o.ld, cs: 1 };
      // the parameter goes through memory: task arguments are int32
      const pAt = rt.alloc(8);
      new Float64Array(rt.memory.buffer, pAt, 1)[0] = p;
      ctx.run(parts(l, threads).map(([r, m, c, n]) => ({ op: 'binaryF32', args: [code, m, n, at(x, r, c), x.rs, x.cs, at(y, r, c), y.rs, y.cs, at(oo, r, c), o.ld, pAt] })));
      o.commit();
    });
  }

  return { unary, binary };
}
