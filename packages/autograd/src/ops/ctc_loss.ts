/**
 * The connectionist temporal classification loss of each sample (PyTorch's _ctc_loss,
 * CtcLossBackward0): the negative log of the summed probability of every alignment of the target
 * to the input frames, by the forward (alpha) recursion over the target with blanks between and
 * around its labels; the gradient from the alpha and beta recursions together. As PyTorch's, the
 * gradient is exp(log_probs) - (the alignments' posterior of each class), the gradient with
 * respect to the logits under a log_softmax: it presumes log_probs came from log_softmax.
 * Computed in double precision. Frames past a sample's input length get no gradient; with
 * zeroInfinity a sample whose target cannot be aligned has loss 0 and no gradient.
 */
import * as T from '@cresset/tensor';
import { NDArray } from '@cresset/tensor';
import { Function } from '../function';

/** log(exp(a) + exp(b) + exp(c)) as ATen's ctc kernel takes it: around the largest, 0 when all are -inf. */
function logSumExp3(a: number, b: number, c: number): number {
  let m = Math.max(a, b, c);
  if (m === -Infinity) m = 0;
  return Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m)) + m;
}

/** One sample's number of frames and its target labels. */
interface Sample {
  frames: number;
  target: number[];
}

export class CtcLoss extends Function {
  readonly name = 'CtcLossBackward0';
  private lp!: NDArray;
  private nll: number[] = [];
  constructor(
    /** Each sample's target labels. */
    readonly targets: readonly (readonly number[])[],
    /** Each sample's number of frames. */
    readonly inputLengths: readonly number[],
    /** The blank class. */
    readonly blank: number,
    /** A loss of +inf becomes 0 (and its gradient 0). */
    readonly zeroInfinity: boolean,
  ) { super(); }

  /** log_probs [T, N, C] to the per-sample losses [N]. */
  forward(logProbs: NDArray) {
    const [, n] = logProbs.shape;
    this.lp = T.cast(logProbs, 'float64').contiguous();
    this.nll = [];
    const out = new Float64Array(n);
    for (let b = 0; b < n; b++) {
      const nll = -this.finalAlpha(b, this.alpha(b));
      this.nll.push(nll);
      out[b] = this.zeroInfinity && nll === Infinity ? 0 : nll;
    }
    return T.cast(T.tensor(out, { dtype: 'float64' }), logProbs.dtype);
  }

  private sample(b: number): Sample {
    return { frames: this.inputLengths[b], target: [...this.targets[b]] };
  }

  /** log_probs[t][b][c]. */
  private at(t: number, b: number, c: number): number {
    const [, n, classes] = this.lp.shape;
    return this.lp.data[this.lp.offset + (t * n + b) * classes + c];
  }

  /** The class at position s of the target with blanks around and between its labels. */
  private label(target: readonly number[], s: number): number {
    return s % 2 === 0 ? this.blank : target[(s - 1) >> 1];
  }

  /** The log alpha table [frames][2L + 1]. */
  private alpha(b: number): Float64Array[] {
    const { frames, target } = this.sample(b);
    const S = 2 * target.length + 1;
    const a = Array.from({ length: frames }, () => new Float64Array(S).fill(-Infinity));
    if (frames === 0) return a;
    a[0][0] = this.at(0, b, this.blank);
    if (S > 1) a[0][1] = this.at(0, b, target[0]);
    for (let t = 1; t < frames; t++) {
      for (let s = 0; s < S; s++) {
        const l = this.label(target, s);
        const la1 = a[t - 1][s];
        const la2 = s > 0 ? a[t - 1][s - 1] : -Infinity;
        const la3 = s > 1 && this.label(target, s - 2) !== l ? a[t - 1][s - 2] : -Infinity;
        a[t][s] = logSumExp3(la1, la2, la3) + this.at(t, b, l);
      }
    }
    return a;
  }

  /** log p(target | input) from the alpha table's last frame. */
  private finalAlpha(b: number, a: Float64Array[]): number {
    const { frames, target } = this.sample(b);
    if (frames === 0) return target.length === 0 ? 0 : -Infinity;
    const last = a[frames - 1];
    const S = 2 * target.length + 1;
    return logSumExp3(last[S - 1], S > 1 ? last[S - 2] : -Infinity, -Infinity);
  }

  /** The log beta table [frames][2L + 1]. */
  private beta(b: number): Float64Array[] {
    const { frames, target } = this.sample(b);
    const S = 2 * target.length + 1;
    const be = Array.from({ length: frames }, () => new Float64Array(S).fill(-Infinity));
    if (frames === 0) return be;
    be[frames - 1][S - 1] = this.at(frames - 1, b, this.blank);
    if (S > 1) be[frames - 1][S - 2] = this.at(frames - 1, b, target[target.length - 1]);
    for (let t = frames - 2; t >= 0; t--) {
      for (let s = 0; s < S; s++) {
        const l = this.label(target, s);
        const lb1 = be[t + 1][s];
        const lb2 = s < S - 1 ? be[t + 1][s + 1] : -Infinity;
        const lb3 = s < S - 2 && this.label(target, s + 2) !== l ? be[t + 1][s + 2] : -Infinity;
        be[t][s] = logSumExp3(lb1, lb2, lb3) + this.at(t, b, l);
      }
    }
    return be;
  }

  backward(g: NDArray) {
    const [frames, n, classes] = this.lp.shape;
    const go = T.cast(g, 'float64').contiguous();
    const grad = new Float64Array(frames * n * classes);
    for (let b = 0; b < n; b++) {
      const nll = this.nll[b];
      if (this.zeroInfinity && nll === Infinity) continue;
      const { frames: tn, target } = this.sample(b);
      const a = this.alpha(b);
      const be = this.beta(b);
      const S = 2 * target.length + 1;
      const scale = go.data[go.offset + b];
      const res = new Float64Array(classes);
      for (let t = 0; t < tn; t++) {
        res.fill(-Infinity);
        for (let s = 0; s < S; s++) {
          const l = this.label(target, s);
          const v = a[t][s] + be[t][s];
          const r = res[l];
          const m = Math.max(r, v);
          res[l] = m === -Infinity ? -Infinity : Math.log(Math.exp(r - m) + Math.exp(v - m)) + m;
        }
        for (let c = 0; c < classes; c++) {
          const lp = this.at(t, b, c);
          grad[(t * n + b) * classes + c] = (Math.exp(lp) - Math.exp(res[c] + nll - lp)) * scale;
        }
      }
    }
    return [T.cast(T.tensor(grad, { dtype: 'float64', shape: [frames, n, classes] }), g.dtype)];
  }
}
