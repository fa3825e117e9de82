/** Argument helpers shared by the layers: PyTorch's _single/_pair/_triple, for any rank. */
import { ValueError } from '@cresset/tensor';

/** An int or a tuple of ints, as layers accept for kernel_size, stride, ... */
export type IntOrTuple = number | readonly number[];

/** Expands an int to n copies, or checks a tuple has n entries (PyTorch's _ntuple). */
export function ntuple(v: IntOrTuple, n: number, name: string, op: string): number[] {
  if (typeof v === 'number') return new Array(n).fill(v);
  if (v.length === 1 && n > 1) return new Array(n).fill(v[0]);
  if (v.length !== n) throw new ValueError(`${op}: ${name} must be an int or a tuple of ${n} ints, got [${v.join(', ')}]`);
  return [...v];
}

/** Python's repr of a tuple of ints: (5, 5) or (3,). */
export function pyTuple(v: readonly (number | null)[]): string {
  const items = v.map((x) => (x === null ? 'None' : String(x)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** Python's repr of a float as a layer prints it: 0.5, 1e-05, 0.1, 1.0. */
export function pyFloat(v: number): string {
  if (Number.isInteger(v)) return `${v}.0`;
  const s = String(v);
  const m = /^(-?\d(?:\.\d+)?)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
  if (Math.abs(v) < 1e-4) {
    const [mant, exp] = v.toExponential().split('e');
    const sign = exp[0] === '-' ? '-' : '+';
    return `${mant}e${sign}${exp.slice(1).padStart(2, '0')}`;
  }
  return s;
}

/** Python's repr of a value in a layer's extra_repr (ints, floats, bools, strings, tuples). */
export function pyValue(v: unknown, asFloat = false): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return asFloat ? pyFloat(v) : String(v);
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return pyTuple(v);
  return String(v);
}
