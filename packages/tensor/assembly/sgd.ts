/**
 * One torch.optim.SGD update of float32 parameters, in one pass, with the values of the
 * elementwise ops the optimizer composes (optim/src/sgd.ts): each step rounded to float32 as
 * that op rounds it (a multiply by the float32 momentum; the scaled additions a + s*b computed
 * in double, rounded once).
 */
import { addScaled4 } from './elementwise';

/**
 * Elements [i0, i1) of p (in place), from the gradient g and, when momentum is not 0, the
 * momentum buffer `buf` (in place). `at` holds four float64: lr, momentum, dampening and weight
 * decay. d = g (negated when maximize); d = d + wd * p when wd is not 0; then buf = buf * m +
 * (1 - dampening) * d and d = nesterov ? d + m * buf : buf; finally p = p - lr * d.
 */
export function sgdF32(p: usize, g: usize, buf: usize, i0: i32, i1: i32, at: usize, nesterov: i32, maximize: i32): void {
  const lr = load<f64>(at), m = load<f64>(at, 8), damp = load<f64>(at, 16), wd = load<f64>(at, 24);
  const mf = <f32>m;
  const nlr = f64x2.splat(-lr), wdv = f64x2.splat(wd), mv = f64x2.splat(m), a1 = f64x2.splat(1 - damp);
  const mfv = f32x4.splat(mf);
  const neg = maximize != 0, nest = nesterov != 0;
  let i = i0;
  for (; i + 4 <= i1; i += 4) {
    const o = <usize>i << 2;
    const pv = v128.load(p + o);
    let d = v128.load(g + o);
    if (neg) d = f32x4.neg(d);
    if (wd != 0) d = addScaled4(d, pv, wdv);
    if (m != 0) {
      const b = addScaled4(f32x4.mul(v128.load(buf + o), mfv), d, a1);
      v128.store(buf + o, b);
      d = nest ? addScaled4(d, b, mv) : b;
    }
    v128.store(p + o, addScaled4(pv, d, nlr));
  }
  for (; i < i1; i++) {
    const o = <usize>i << 2;
    const pv = load<f32>(p + o);
    let d = load<f32>(g + o);
    if (neg) d = -d;
    if (wd != 0) d = <f32>(<f64>d + wd * <f64>pv);
    if (m != 0) {
      const b = <f32>(<f64>(load<f32>(buf + o) * mf) + (1 - damp) * <f64>d);
      store<f32>(buf + o, b);
      d = nest ? <f32>(<f64>d + m * <f64>b) : b;
    }
    store<f32>(p + o, <f32>(<f64>pv + -lr * <f64>d));
  }
}
