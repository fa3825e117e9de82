/**
 * A per-layer summary of a model on one input: each leaf module's output shape, parameter count,
 * receptive field and multiply-adds, counted as the seeds count them by hand: a convolution does
 * Cin/groups x kh x kw multiply-adds per output element, a linear layer in x out per sample,
 * pooling none; the receptive field grows by (k - 1) x dilation x jump per window, and the jump
 * multiplies by the stride. A linear layer sees the whole input.
 */
import { noGrad, Tensor, zeros } from '@cresset/autograd';
import * as nn from '@cresset/nn';
import { ValueError } from '@cresset/tensor';

/** One leaf module's call in a summary. */
export interface LayerSummary {
  /** The module's dotted name in the model (as namedModules gives it). */
  name: string;
  /** The module's class name. */
  type: string;
  /** Shape of the module's output (its first output when it returns several). */
  outputShape: number[];
  /** The module's own parameter count; 0 on a second call of the same module. */
  params: number;
  /** Receptive field per spatial dim, in input pixels. */
  receptiveField: number[];
  /** Multiply-adds of this call over the whole batch (convolutions and linear layers; 0 otherwise). */
  multAdds: number;
}

/** A model's summary on one input: its leaf layers in call order, with totals. */
export interface ModelSummary {
  /** Every leaf module call of the forward pass, in call order. */
  layers: LayerSummary[];
  /** Number of parameter elements in the model. */
  totalParams: number;
  /** Number of parameter elements that require grad. */
  trainableParams: number;
  /** Sum of the layers' multiply-adds. */
  totalMultAdds: number;
  /** Shape of the zeros the model ran on, batch dim first. */
  inputShape: number[];
}

const asList = (v: number | number[], n: number) => (Array.isArray(v) ? v : Array(n).fill(v));
const prod = (v: number[]) => v.reduce((a, b) => a * b, 1);

/** Windowed layers (convolutions and pooling): kernel, stride and dilation per spatial dim. */
function windowOf(m: nn.Module, nd: number): { k: number[]; s: number[]; d: number[] } | null {
  const w = m as unknown as { kernelSize?: number | number[]; stride?: number | number[] | null; dilation?: number | number[] };
  if (w.kernelSize === undefined) return null;
  const k = asList(w.kernelSize, nd);
  return { k, s: asList(w.stride ?? w.kernelSize, nd), d: asList(w.dilation ?? 1, nd) };
}

/** Runs the model on zeros of [1, ...inputShape] (one sample, no batch dim given), recording every leaf module it calls, in call order. */
export function summarize(model: nn.Module, inputShape: number[]): ModelSummary {
  return summarizeBatch(model, [1, ...inputShape]);
}

/** summarize on zeros of inputSize, the batch dim included (torchinfo's input_size); mult-adds count the whole batch. */
function summarizeBatch(model: nn.Module, inputSize: number[]): ModelSummary {
  const inputShape = inputSize.slice(1);
  const nd = inputShape.length - 1;
  const calls: { name: string; m: nn.Module; out: number[] }[] = [];
  const leaves = model.namedModules().filter(([, m]) => m.children().length === 0 && m !== model);
  const originals = leaves.map(([name, m]) => {
    const fwd = m.forward;
    m.forward = function (this: nn.Module, ...args: unknown[]) {
      const out = (fwd as (...a: unknown[]) => unknown).apply(this, args);
      const t = Array.isArray(out) ? out[0] : out;
      calls.push({ name, m, out: [...(t as Tensor).shape] });
      return out;
    } as typeof m.forward;
    return () => (m.forward = fwd);
  });
  const wasTraining = model.training;
  try {
    model.eval();
    noGrad(() => model.forward(zeros(inputSize)));
  } finally {
    originals.forEach((restore) => restore());
    model.train(wasTraining);
  }
  let rf = Array(nd).fill(1);
  let jump = Array(nd).fill(1);
  const seen = new Set<nn.Module>();
  const layers = calls.map(({ name, m, out }): LayerSummary => {
    // a module called twice (a shared pool) lists its parameters once
    const params = seen.has(m) ? 0 : m.parameters(false).reduce((a, p) => a + p.numel(), 0);
    seen.add(m);
    let multAdds = 0;
    const win = windowOf(m, nd);
    if (win) {
      rf = rf.map((r, i) => r + (win.k[i] - 1) * win.d[i] * jump[i]);
      jump = jump.map((j, i) => j * win.s[i]);
      if (m instanceof nn.Conv2d || m instanceof nn.Conv1d || m instanceof nn.Conv3d) {
        const c = m as unknown as { inChannels: number; groups: number; kernelSize: number[] };
        multAdds = prod(out) * (c.inChannels / c.groups) * prod(c.kernelSize);
      }
    } else if (m instanceof nn.Linear) {
      rf = inputShape.slice(1);
      const l = m as unknown as { inFeatures: number; outFeatures: number };
      multAdds = (prod(out) / l.outFeatures) * l.inFeatures * l.outFeatures;
    }
    return { name, type: m.constructor.name, outputShape: out, params, receptiveField: [...rf], multAdds };
  });
  const all = model.parameters();
  return {
    layers,
    totalParams: all.reduce((a, p) => a + p.numel(), 0),
    trainableParams: all.filter((p) => p.requiresGrad).reduce((a, p) => a + p.numel(), 0),
    totalMultAdds: layers.reduce((a, l) => a + l.multAdds, 0),
    inputShape: [...inputSize],
  };
}

const group = (n: number) => n.toLocaleString('en-US');

/** The summary as a table, in the manner of torchsummary. */
export function formatSummary(s: ModelSummary): string {
  const head = ['Layer (type)', 'Output Shape', 'Param #', 'Receptive field', 'Mult-Adds'];
  const rows = s.layers.map((l) => [`${l.name} (${l.type})`, `[${l.outputShape.join(', ')}]`, group(l.params), l.receptiveField.join('x'), group(l.multAdds)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmtRow = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = '-'.repeat(widths.reduce((a, w) => a + w + 2, -2));
  return [
    rule, fmtRow(head), rule.replace(/-/g, '='), ...rows.map(fmtRow), rule.replace(/-/g, '='),
    `Input shape: [${s.inputShape.join(', ')}]`,
    `Total params: ${group(s.totalParams)}`,
    `Trainable params: ${group(s.trainableParams)}`,
    `Total mult-adds: ${group(s.totalMultAdds)}`,
    rule,
  ].join('\n');
}

/** A model summary that prints as the table (torchinfo's ModelStatistics). */
export interface SummaryTable extends ModelSummary {
  toString(): string;
}

/**
 * torch.summary(model, inputSize): torchinfo's summary of one forward pass on zeros of inputSize
 * (batch dim first, e.g. [1, 3, 224, 224]): per leaf layer its output shape, parameters, receptive
 * field and mult-adds, with totals; String() of the result is the table.
 */
export function summary(model: nn.Module, inputSize: readonly number[]): SummaryTable {
  if (inputSize.length < 2 || !inputSize.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ValueError(`summary: inputSize should be positive sizes with the batch dim first, like [1, 3, 32, 32]; got [${inputSize.join(', ')}]`);
  }
  const s = summarizeBatch(model, [...inputSize]);
  return { ...s, toString: () => formatSummary(s) };
}
