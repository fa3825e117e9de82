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

export function createElementwiseKernels(ctx: WasmContext): Pick<Backend, 'unary' | 'binary'> {
  const { rt, k } = ctx;
  const stage = (o: Strided, l: RowLoop, i: number) => stageMatrix(rt, o.data as Float32Array, o.offset, l.rows, l.n, l.rs[i], l.cs[i]);
  const output = (o: Strided, l: RowLoop, i: number) => new OutputMatrix(rt, o.data as Float32Array, o.offset, l.rows, l.n, l.rs[i], false);

  function unary(op: UnaryOp, shape: readonly number[], a: Strided, out: Strided, p?: number, q?: number): void {
    const code = UNARY_OPS.indexOf(op);
    const l = code < 0 ? null : rowLoop(shape, [a, out]);
    if (!l) return referenceBackend.unary(op, shape, a, out, p, q);
    ctx.scoped(() => {
      const x = stage(a, l, 0);
      const o = output(out, l, 1);
      k.unaryF32(code, l.rows, l.n, x.ptr, x.rs, x.cs, o.ptr, o.ld);
      o.commit();
    });
  }

  function binary(op: BinaryOp, shape: readonly number[], a: Strided, b: Strided, out: Strided, p = 0): void {
    const code = BINARY_OPS.indexOf(op);
    const l = code < 0 ? null : rowLoop(shape, [a, b, out]);
    if (!l) return referenceBackend.binary(op, shape, a, b, out, p);
    ctx.scoped(() => {
      const x = stage(a, l, 0);
      const y = stage(b, l, 1);
      const o = output(out, l, 2);
      k.binaryF32(code, l.rows, l.n, x.ptr, x.rs, x.cs, y.ptr, y.rs, y.cs, o.ptr, o.ld, p);
      o.commit();
    });
  }

  return { unary, binary };
}
