/** Short names for the array math that backward formulas are written in. */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';

type A = NDArray | number;
export const add = (a: A, b: A) => T.binary('add', a, b);
export const sub = (a: A, b: A) => T.binary('sub', a, b);
export const mul = (a: A, b: A) => T.binary('mul', a, b);
export const div = (a: A, b: A) => T.binary('div', a, b);
export const neg = (a: NDArray) => T.unary('neg', a);
export const eq = (a: A, b: A) => T.binary('eq', a, b);
/** Boolean mask as 0/1 of the given dtype, for multiplying into gradients. */
export const mask = (m: NDArray, like: NDArray) => T.cast(m, like.dtype);
export const zerosLike = (a: NDArray) => T.zeros(a.shape, a.dtype);
