/**
 * gradcheck: compares the gradients backward computes with central differences, in float64,
 * as torch.autograd.gradcheck (eps 1e-6, atol 1e-5, rtol 1e-3). Each output element's row of the
 * Jacobian comes from one backward pass with a one-hot gradient. gradgradcheck checks the
 * gradients of the gradients the same way.
 */
import * as T from '@cresset/tensor';
import { AutogradError } from '@cresset/tensor';
import { grad } from './grad';
import { enableGrad, noGrad } from './grad_mode';
import { Tensor } from './tensor';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  /** Throw on mismatch (the default, as PyTorch's raise_exception=True); false returns false. */
  raiseException?: boolean;
}

const flat = (t: Tensor) => t.array.contiguous().values();

function outputsOf(fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]): Tensor[] {
  const r = fn(...inputs);
  return Array.isArray(r) ? r : [r];
}

export function gradcheck(fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[], opts: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, raiseException = true } = opts;
  inputs.forEach((x, i) => {
    if (x.requiresGrad && x.dtype !== 'float64') {
      throw new AutogradError(`gradcheck: input ${i} requires grad but is ${x.dtype}; gradcheck needs float64 inputs for its precision`);
    }
  });
  const diff = inputs.filter((x) => x.requiresGrad);
  const outs = outputsOf(fn, inputs);
  for (let o = 0; o < outs.length; o++) {
    const out = outs[o];
    if (!T.isFloating(out.dtype)) continue;
    const n = out.numel();
    // numerical Jacobian: column j of input i by perturbing element j (through the storage, in place)
    const numerical = diff.map((x) => {
      const J = new Float64Array(x.numel() * n);
      noGrad(() => {
        const view = x.array;
        for (let j = 0; j < x.numel(); j++) {
          const idx = elementIndex(view, j);
          const orig = view.data[idx];
          view.data[idx] = orig + eps;
          const plus = flat(outputsOf(fn, inputs)[o]).slice();
          view.data[idx] = orig - eps;
          const minus = flat(outputsOf(fn, inputs)[o]).slice();
          view.data[idx] = orig;
          for (let k = 0; k < n; k++) J[j * n + k] = (plus[k] - minus[k]) / (2 * eps);
        }
      });
      return J;
    });
    // analytical Jacobian: one backward per output element
    const analytical = diff.map((x) => new Float64Array(x.numel() * n));
    for (let k = 0; k < n; k++) {
      diff.forEach((x) => (x.grad = null));
      const y = outputsOf(fn, inputs)[o];
      if (!y.requiresGrad) break;
      const g = T.zeros(y.shape, y.dtype);
      g.data[k] = 1;
      y.backward(new Tensor(g));
      diff.forEach((x, i) => {
        const gx = x.grad ? flat(x.grad) : new Float64Array(x.numel());
        for (let j = 0; j < x.numel(); j++) analytical[i][j * n + k] = gx[j];
      });
    }
    diff.forEach((x) => (x.grad = null));
    for (let i = 0; i < diff.length; i++) {
      const a = analytical[i];
      const b = numerical[i];
      for (let m = 0; m < a.length; m++) {
        if (!(Math.abs(a[m] - b[m]) <= atol + rtol * Math.abs(b[m]))) {
          if (!raiseException) return false;
          const j = Math.floor(m / n);
          throw new AutogradError(
            `Jacobian mismatch for output ${o} with respect to input ${inputs.indexOf(diff[i])},\n` +
              `numerical:${b[m]}\nanalytical:${a[m]}\n(at input element ${j}, output element ${m % n})`,
          );
        }
      }
    }
  }
  return true;
}

/** Storage index of row-major element j of a strided array. */
function elementIndex(a: T.NDArray, j: number): number {
  let idx = a.offset;
  for (let d = a.ndim - 1; d >= 0; d--) {
    idx += (j % a.shape[d]) * a.strides[d];
    j = Math.floor(j / a.shape[d]);
  }
  return idx;
}

/**
 * gradgradcheck: gradcheck of the first-order gradients, as torch.autograd.gradgradcheck: the
 * vector-Jacobian product with a fixed output gradient (`gradOutputs`, or one per output from a
 * fixed pattern), computed with createGraph, is itself checked against central differences, so
 * the op's differentiable backward (backwardGraph) is checked too.
 */
export function gradgradcheck(fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[], gradOutputs?: Tensor[], opts: GradcheckOptions = {}): boolean {
  const diff = inputs.filter((x) => x.requiresGrad);
  const outs = outputsOf(fn, inputs).filter((o) => T.isFloating(o.dtype) && o.requiresGrad);
  const vs = gradOutputs ?? outs.map((o) => new Tensor(T.tensor(Float64Array.from({ length: o.numel() }, (_, k) => Math.sin(k + 1) + 0.5), { dtype: o.dtype, shape: o.shape })));
  const firstOrder = (...xs: Tensor[]) => enableGrad(() => {
    const ys = outputsOf(fn, xs).filter((o) => T.isFloating(o.dtype) && o.requiresGrad);
    const gs = grad(ys, xs.filter((x) => x.requiresGrad), vs, { createGraph: true, allowUnused: true });
    return gs.map((g, i) => g ?? new Tensor(T.zeros(diff[i].array.shape, diff[i].dtype)));
  });
  return gradcheck(firstOrder, inputs, opts);
}
