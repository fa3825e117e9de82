/** Argument helpers shared by the layers: PyTorch's _single/_pair/_triple, for any rank. */
import { ValueError } from '@cresset/tensor';

/** An int or a tuple of ints, as layers accept for kernel_size, stride, ... */
export type IntOrTuple = number | readonly number[];

/** Expands an int to n copies, or checks a tuple has n entries (PyTorch's _ntuple); every entry must be an integer. */
export function ntuple(v: IntOrTuple, n: number, name: string, op: string): number[] {
  const bad = (typeof v === 'number' ? [v] : v).findIndex((x) => !Number.isSafeInteger(x));
  if (bad >= 0) throw new ValueError(`${op}(): argument '${name}' must be tuple of ints, but found ${String((typeof v === 'number' ? [v] : v)[bad])} at pos ${bad}`);
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

/** True for an options object ({ stride: 2 }), as opposed to a value, tuple, tensor or null. */
export function isOptions(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * A layer's constructor arguments as PyTorch takes them, positional in PyTorch's order and/or
 * by name: (3, 6, 5, { stride: 2 }) and ({ inChannels: 3, outChannels: 6, kernelSize: 5, stride: 2 })
 * both give { inChannels: 3, outChannels: 6, kernelSize: 5, stride: 2 }. `required` names the
 * arguments without a default; a missing one is an error naming the layer.
 */
export function layerArgs<A>(op: string, args: readonly unknown[], order: readonly (keyof A & string)[], required: readonly (keyof A & string)[] = []): A {
  const last = args[args.length - 1];
  const named = args.length > 0 && isOptions(last) ? last : {};
  const positional = named === last ? args.slice(0, -1) : args;
  if (positional.length > order.length) throw new ValueError(`${op}() takes at most ${order.length} positional arguments (${order.join(', ')}) but ${positional.length} were given`);
  const out: Record<string, unknown> = { ...named };
  positional.forEach((v, i) => {
    if (order[i] in named) throw new ValueError(`${op}() got multiple values for argument '${order[i]}'`);
    out[order[i]] = v;
  });
  const missing = required.filter((k) => out[k] === undefined);
  if (missing.length) throw new ValueError(`${op}() missing required argument${missing.length > 1 ? 's' : ''}: ${missing.map((k) => `'${k}'`).join(', ')}`);
  return out as A;
}
