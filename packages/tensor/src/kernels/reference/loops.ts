/**
 * Strided N-d loops compiled once per expression. Each kernel walks the output shape with one
 * counter per outer dim and a tight inner loop over the last dim, with the element expression
 * inlined, so hot loops carry no per-element closures or index arrays.
 */
import type { TypedArray } from '../../dtype';
import type { Strided } from '../backend';

/** The rounding of a value stored in `a`'s dtype, for kernels that round after each step: float32's, else none. */
export function roundingOf(a: TypedArray): (v: number) => number {
  return a instanceof Float32Array ? Math.fround : (v) => v;
}

type Loop = (shape: readonly number[], arrays: TypedArray[], offsets: number[], strides: (readonly number[])[], p: number, q: number) => void;

const cache = new Map<string, Loop>();

/**
 * Compiles a loop writing `expr` (over inputs named a, b, c and parameters p, q) to the output.
 * The last array is the output.
 */
function compile(arity: number, expr: string): Loop {
  const key = `${arity}|${expr}`;
  let fn = cache.get(key);
  if (fn) return fn;
  const names = ['a', 'b', 'c'].slice(0, arity);
  const all = [...names, 'o'];
  const src = `
    const nd = shape.length;
    ${all.map((v, i) => `const ${v.toUpperCase()} = arrays[${i}]; let ${v}i = offsets[${i}]; const ${v}s = strides[${i}];`).join('\n')}
    if (nd === 0) { ${names.map((v) => `const ${v} = ${v.toUpperCase()}[${v}i];`).join(' ')} O[oi] = ${expr}; return; }
    const L = shape[nd - 1];
    ${all.map((v) => `const ${v}l = ${v}s[nd - 1];`).join(' ')}
    let outer = 1;
    for (let d = 0; d < nd - 1; d++) outer *= shape[d];
    if (L === 0 || outer === 0) return;
    const idx = new Int32Array(nd);
    for (let r = 0; r < outer; r++) {
      ${all.map((v) => `let ${v}x = ${v}i;`).join(' ')}
      for (let j = 0; j < L; j++) {
        ${names.map((v) => `const ${v} = ${v.toUpperCase()}[${v}x];`).join(' ')}
        O[ox] = ${expr};
        ${all.map((v) => `${v}x += ${v}l;`).join(' ')}
      }
      for (let d = nd - 2; d >= 0; d--) {
        ${all.map((v) => `${v}i += ${v}s[d];`).join(' ')}
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
        ${all.map((v) => `${v}i -= ${v}s[d] * shape[d];`).join(' ')}
      }
    }`;
  fn = new Function('shape', 'arrays', 'offsets', 'strides', 'p', 'q', src) as Loop;
  cache.set(key, fn);
  return fn;
}

/**
 * Merges adjacent dims that every operand walks contiguously and drops size-1 dims, so most
 * loops run as one flat inner loop.
 */
export function collapse(shape: readonly number[], strides: (readonly number[])[]): [number[], number[][]] {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d])) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => (outStrides[k][last] = s[d]));
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  return [outShape, outStrides];
}

/** Runs `expr` elementwise over the operands (inputs then output), all viewed with `shape`. */
export function runLoop(expr: string, shape: readonly number[], operands: Strided[], p = 0, q = 0): void {
  const [cs, cst] = collapse(shape, operands.map((o) => o.strides));
  const fn = compile(operands.length - 1, expr);
  fn(cs, operands.map((o) => o.data), operands.map((o) => o.offset), cst, p, q);
}
