/** Backend.sgdUpdate in plain TypeScript: the oracle of the wasm kernel (assembly/sgd.ts). */
import type { TypedArray } from '../../dtype';
import { roundingOf } from './loops';
import type { SgdStep } from '../backend';

/** One SGD update in place, each step rounded to the arrays' dtype as the composed op rounds it. */
export function sgdUpdate(n: number, p: TypedArray, pOff: number, g: TypedArray, gOff: number, buf: TypedArray | null, bOff: number, o: SgdStep): void {
  const r = roundingOf(p);
  const m = o.momentum, mr = r(m);
  for (let i = 0; i < n; i++) {
    const pv = p[pOff + i];
    let d = g[gOff + i];
    if (o.maximize) d = -d;
    if (o.weightDecay !== 0) d = r(d + o.weightDecay * pv);
    if (m !== 0 && buf) {
      const b = r(r(buf[bOff + i] * mr) + (1 - o.dampening) * d);
      buf[bOff + i] = b;
      d = o.nesterov ? r(d + m * b) : b;
    }
    p[pOff + i] = r(pv + -o.lr * d);
  }
}
