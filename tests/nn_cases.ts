/**
 * The nn layer case table (like PyTorch's ModuleInfo): every case in tests/fixtures/nn_{conv,pool,
 * layers,activation,norm,resample,loss,rnn,transformer}.json names a torch.nn module, its constructor arguments, its inputs and PyTorch
 * 1.13's results for them (initial parameters after manual_seed, float64 forward outputs,
 * input and parameter gradients, buffers, repr, state-dict keys). The cases are defined once, in
 * scripts/fixtures/nn_{conv,pool,layers,activation,norm,resample,loss,rnn,transformer}.py; this module loads them and builds the cresset
 * module and inputs for a case, so forward, gradient and ONNX-export tests share one table.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';

const { nn } = torch;

/** A tensor as the fixtures store it: shape, PyTorch dtype name, flat row-major values. */
export interface FixtureTensor {
  shape: number[];
  dtype: string;
  values: number[];
}

export interface NnCase {
  name: string;
  /** The torch.nn class name, the same in cresset's nn namespace. */
  module: string;
  /** Positional constructor arguments (tuples as arrays, None as null). */
  args: unknown[];
  /** Keyword arguments under PyTorch's snake_case names; tensors as { tensor, dtype }. */
  kwargs: Record<string, unknown>;
  /** manualSeed(seed) before construction gives PyTorch's initial parameters (`init`). */
  seed: number;
  /** false: the module runs in eval mode. */
  train: boolean;
  /** true: one forward pass (in training mode, without grad) before the measured one. */
  warmup: boolean;
  /** false: the op has no derivative in PyTorch; the case runs forward only. */
  grad: boolean;
  /** true: the inputs after the first are passed as one array (an LSTM's [h0, c0]). */
  stateTuple?: boolean;
  /** true: every float input requires grad and backward runs from every output, with gradOutputs. */
  gradAll?: boolean;
  /** With gradAll: the gradient fed to each (flattened) output. */
  gradOutputs?: FixtureTensor[];
  /** Per input: null (positional) or the PyTorch keyword it is passed as; cresset takes those in a trailing options object. */
  inputNames?: (string | null)[];
  /** Non-tensor forward keywords (need_weights: false), also in the options object. */
  forwardKwargs?: Record<string, unknown>;
  /** true: the forward runs under noGrad (PyTorch's inference fast paths); no gradients. */
  noGrad?: boolean;
  repr: string;
  init: Record<string, FixtureTensor>;
  /** The float32 inputs (targets included), with how they were drawn ('randn', 'index:C', ...). */
  inputs: (FixtureTensor & { kind: string })[];
  /** The forward's outputs in float64 (two for returnIndices: values and indices; nested results such as [output, [h_n, c_n]] flattened). */
  outputs: FixtureTensor[];
  /** The gradient fed to backward() of outputs[0]. */
  gradOutput: FixtureTensor;
  /** Gradients of the inputs (null for those that do not require grad). */
  inputGrads: (FixtureTensor | null)[];
  paramGrads: Record<string, FixtureTensor>;
  /** Buffers after the forward pass (running stats). */
  buffers: Record<string, FixtureTensor>;
  stateDictKeys: string[];
}

/** The fixture files of the table, by group. */
export const caseGroups = ['nn_conv', 'nn_pool', 'nn_layers', 'nn_activation', 'nn_norm', 'nn_resample', 'nn_loss', 'nn_rnn', 'nn_transformer'] as const;
export type CaseGroup = (typeof caseGroups)[number];

/** The cases of one group (or of all groups). */
export function loadCases(group?: CaseGroup): NnCase[] {
  const groups = group ? [group] : caseGroups;
  return groups.flatMap((g) => {
    const file = path.join(__dirname, 'fixtures', `${g}.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: NnCase[] }).cases;
  });
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A constructor argument as cresset takes it: fixture tensors become Tensors, { module, args, kwargs } modules. */
function argValue(v: unknown): unknown {
  if (v && typeof v === 'object' && 'module' in v) {
    const m = v as { module: string; args: unknown[]; kwargs: Record<string, unknown> };
    const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[m.module];
    const args = m.args.map(argValue);
    return Object.keys(m.kwargs).length ? new Ctor(...args, kwargsOptions(m.kwargs)) : new Ctor(...args);
  }
  if (v && typeof v === 'object' && 'tensor' in v) {
    const t = v as { tensor: number[]; dtype: string };
    return torch.tensor(t.tensor, { dtype: t.dtype as torch.DType });
  }
  return v;
}

/** PyTorch keyword arguments as a cresset options object (camelCase keys). */
function kwargsOptions(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), argValue(v)]));
}

/** The case's kwargs as a cresset options object (camelCase keys). */
export function caseOptions(c: NnCase): Record<string, unknown> {
  return kwargsOptions(c.kwargs);
}

/** Builds the case's module after manualSeed(c.seed), so its parameters are PyTorch's `init`. */
export function buildModule(c: NnCase): torch.nn.Module {
  const Ctor = (nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[c.module];
  if (typeof Ctor !== 'function') throw new Error(`nn.${c.module} does not exist`);
  torch.manualSeed(c.seed);
  const args = c.args.map(argValue);
  return Object.keys(c.kwargs).length ? new Ctor(...args, caseOptions(c)) : new Ctor(...args);
}

/** A fixture tensor as a cresset Tensor (float inputs in `dtype`, integer and bool ones as stored; the 'causal' kind is Transformer's mask). */
export function toTensor(t: FixtureTensor & { kind?: string }, dtype?: torch.DType): torch.Tensor {
  if (t.kind === 'causal') return nn.Transformer.generateSquareSubsequentMask(t.shape[0]).to(dtype ?? 'float32');
  const isInt = t.dtype.startsWith('int') || t.dtype === 'bool';
  const x = torch.tensor(t.values, { dtype: isInt ? (t.dtype as torch.DType) : 'float32' });
  const shaped = x.reshape(t.shape);
  return dtype && !isInt ? shaped.to(dtype) : shaped;
}

/** The case's inputs in `dtype`; the first (every one with gradAll) requires grad when it is floating and the case has gradients (as in the generator). */
export function caseInputs(c: NnCase, dtype: torch.DType = 'float32'): torch.Tensor[] {
  return c.inputs.map((t, i) => {
    const x = toTensor(t, dtype);
    return (i === 0 || c.gradAll) && c.grad !== false && x.isFloatingPoint() ? x.requiresGrad_() : x;
  });
}

/** Runs the case's module on its inputs as the generator calls it; nested results come back flattened. */
export function callCase(c: NnCase, m: torch.nn.Module, inputs: torch.Tensor[]): torch.Tensor[] {
  const call = () => {
    if (c.stateTuple) return m.forward(inputs[0], inputs.slice(1));
    if (!c.inputNames && !c.forwardKwargs) return m.forward(...inputs);
    const names = c.inputNames ?? inputs.map(() => null);
    const opts: Record<string, unknown> = kwargsOptions(c.forwardKwargs ?? {});
    names.forEach((n, i) => n !== null && (opts[camel(n)] = inputs[i]));
    return m.forward(...inputs.filter((_, i) => names[i] === null), opts);
  };
  const out = c.noGrad ? torch.noGrad(call) : call();
  const flat = (o: unknown): torch.Tensor[] => (Array.isArray(o) ? o.flatMap(flat) : o === null ? [] : [o as torch.Tensor]);
  return flat(out);
}

/** Largest |actual - ref| over the largest |ref| (1 when ref is all zeros); the shapes must agree. */
export function relError(actual: torch.Tensor, ref: FixtureTensor): number {
  expect(actual.shape).toEqual(ref.shape);
  const a = actual.detach().to('float64').reshape(-1).toArray() as number[];
  let diff = 0;
  let scale = 0;
  ref.values.forEach((r, i) => {
    diff = Math.max(diff, Math.abs(a[i] - r));
    scale = Math.max(scale, Math.abs(r));
  });
  return diff / (scale || 1);
}
