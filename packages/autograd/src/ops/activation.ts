/**
 * The activations PyTorch has as ops of their own (celu, selu, hardshrink, softshrink,
 * hardsigmoid, hardswish, hardtanh, log_sigmoid, mish, silu, threshold): one `Activation`
 * Function, its forward and PyTorch's backward formula (derivatives.yaml) per kind, both
 * composed from @cresset/tensor's elementwise ops.
 */
import * as T from '@cresset/tensor';
import type { NDArray } from '@cresset/tensor';
import { Function } from '../function';
import { add, div, mul, neg, sub } from './util';

/** SELU's constants (torch/nn/functional.py, Klambauer et al.). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
export const SELU_SCALE = 1.0507009873554804934193349852946;

const gt = (a: NDArray, b: number) => T.binary('gt', a, b);
const lt = (a: NDArray, b: number) => T.binary('lt', a, b);
const or = (a: NDArray, b: NDArray) => T.binary('logicalOr', a, b);
const exp = (a: NDArray) => T.unary('exp', a);
/** log1p(exp(-|x|)): the stable tail of softplus and log-sigmoid. */
const softTail = (x: NDArray) => T.unary('log1p', exp(neg(T.unary('abs', x))));

interface ActivationDef {
  /** PyTorch's backward node name. */
  name: string;
  forward(x: NDArray, p: number, q: number): NDArray;
  /** The input's gradient from the incoming gradient g and the input x. */
  backward(g: NDArray, x: NDArray, p: number, q: number): NDArray;
}

export type ActivationKind =
  | 'celu' | 'selu' | 'hardshrink' | 'softshrink' | 'hardsigmoid' | 'hardswish' | 'hardtanh'
  | 'logSigmoid' | 'mish' | 'silu' | 'threshold';

/** Each kind with its parameters p, q: celu(alpha), hardshrink/softshrink(lambd), hardtanh(min, max), threshold(threshold, value). */
const ACTIVATIONS: Record<ActivationKind, ActivationDef> = {
  celu: {
    name: 'CeluBackward0',
    forward: (x, alpha) => T.where(gt(x, 0), x, mul(T.unary('expm1', div(x, alpha)), alpha)),
    backward: (g, x, alpha) => T.where(gt(x, 0), g, mul(g, exp(div(x, alpha)))),
  },
  selu: {
    name: 'EluBackward0',
    forward: (x) => mul(T.where(gt(x, 0), x, mul(T.unary('expm1', x), SELU_ALPHA)), SELU_SCALE),
    backward: (g, x) => T.where(gt(x, 0), mul(g, SELU_SCALE), mul(g, mul(exp(x), SELU_ALPHA * SELU_SCALE))),
  },
  hardshrink: {
    name: 'HardshrinkBackward0',
    forward: (x, l) => T.where(or(lt(x, -l), gt(x, l)), x, 0),
    backward: (g, x, l) => T.where(or(lt(x, -l), gt(x, l)), g, 0),
  },
  softshrink: {
    name: 'SoftshrinkBackward0',
    forward: (x, l) => T.where(gt(x, l), sub(x, l), T.where(lt(x, -l), add(x, l), 0)),
    backward: (g, x, l) => T.where(or(lt(x, -l), gt(x, l)), g, 0),
  },
  hardsigmoid: {
    name: 'HardsigmoidBackward0',
    forward: (x) => div(T.unary('clamp', add(x, 3), 0, 6), 6),
    // ATen multiplies by one_sixth = 1.0f / 6.0f, a float constant even for double
    backward: (g, x) => T.where(T.binary('logicalAnd', gt(x, -3), lt(x, 3)), mul(g, Math.fround(1 / 6)), 0),
  },
  hardswish: {
    name: 'HardswishBackward0',
    forward: (x) => div(mul(x, T.unary('clamp', add(x, 3), 0, 6)), 6),
    backward: (g, x) => T.where(lt(x, -3), 0, T.where(T.binary('le', x, 3), mul(g, add(div(x, 3), 0.5)), g)),
  },
  hardtanh: {
    name: 'HardtanhBackward0',
    forward: (x, lo, hi) => T.unary('clamp', x, lo, hi),
    backward: (g, x, lo, hi) => T.where(or(T.binary('le', x, lo), T.binary('ge', x, hi)), 0, g),
  },
  logSigmoid: {
    name: 'LogSigmoidBackward0',
    // min(x, 0) - log1p(exp(-|x|)), as ATen's log_sigmoid kernel
    forward: (x) => sub(T.unary('clampMax', x, 0), softTail(x)),
    backward: (g, x) => {
      const z = exp(neg(T.unary('abs', x)));
      const neg0 = lt(x, 0);
      const s = div(z, add(z, 1));
      return mul(g, T.where(neg0, sub(1, s), s));
    },
  },
  mish: {
    name: 'MishBackward0',
    forward: (x) => mul(x, T.unary('tanh', T.unary('log1p', exp(x)))),
    backward: (g, x) => {
      const t = T.unary('tanh', T.unary('log1p', exp(x)));
      return mul(g, add(t, mul(mul(x, T.unary('sigmoid', x)), sub(1, mul(t, t)))));
    },
  },
  silu: {
    name: 'SiluBackward0',
    forward: (x) => mul(x, T.unary('sigmoid', x)),
    backward: (g, x) => {
      const s = T.unary('sigmoid', x);
      return mul(mul(g, s), add(mul(x, sub(1, s)), 1));
    },
  },
  threshold: {
    name: 'ThresholdBackward0',
    forward: (x, th, value) => T.where(T.binary('le', x, th), value, x),
    backward: (g, x, th) => T.binary('thresholdBackward', g, x, th),
  },
};

export class Activation extends Function {
  readonly name: string;
  constructor(
    readonly kind: ActivationKind,
    /** The first parameter (alpha, lambd, min_val, threshold), 0 when the kind has none. */
    readonly p = 0,
    /** The second parameter (max_val, value), 0 when the kind has none. */
    readonly q = 0,
  ) {
    super();
    this.name = ACTIVATIONS[kind].name;
  }
  forward(x: NDArray) {
    this.save(x);
    return ACTIVATIONS[this.kind].forward(x, this.p, this.q);
  }
  backward(g: NDArray) {
    return [ACTIVATIONS[this.kind].backward(g, this.saved[0], this.p, this.q)];
  }
}

/** rrelu in training mode: x * noise, the noise drawn by the caller (RreluWithNoiseBackward0). */
export class RreluWithNoise extends Function {
  readonly name = 'RreluWithNoiseBackward0';
  forward(x: NDArray, noise: NDArray) {
    this.save(noise);
    return mul(x, noise);
  }
  backward(g: NDArray) {
    return [mul(g, this.saved[0]), null];
  }
}

/** glu along `dim` (already non-negative): a * sigmoid(b) for the halves a, b of x (GluBackward0). */
export class Glu extends Function {
  readonly name = 'GluBackward0';
  constructor(readonly dim: number) {
    super();
  }
  forward(x: NDArray) {
    const h = x.shape[this.dim] / 2;
    const a = x.narrow(this.dim, 0, h);
    const s = T.unary('sigmoid', x.narrow(this.dim, h, h));
    this.save(a, s);
    return mul(a, s);
  }
  backward(g: NDArray) {
    const [a, s] = this.saved;
    return [T.cat([mul(g, s), mul(mul(mul(g, a), s), sub(1, s))], this.dim)];
  }
}

/** prelu: x where x > 0, else w * x, with w already shaped to broadcast against x (PreluBackward0). */
export class Prelu extends Function {
  readonly name = 'PreluBackward0';
  forward(x: NDArray, w: NDArray) {
    this.save(x, w);
    return T.where(gt(x, 0), x, mul(w, x));
  }
  backward(g: NDArray) {
    const [x, w] = this.saved;
    const pos = gt(x, 0);
    return [T.where(pos, g, mul(g, w)), T.where(pos, 0, mul(g, x))];
  }
}
