/**
 * Tracing: runs a model's forward once on example inputs with an op observer installed on
 * Function.apply (as torch.jit.trace records ATen ops) and each submodule's forward wrapped to know
 * the module path of every op. Each op is converted to ONNX nodes as it runs; an op without an
 * ONNX form stops the export with its name and module path. In-place ops (relu_, add_, copy_, an
 * inplace activation) run out of place and are exported as their out-of-place op, as PyTorch's
 * exporter does; the target tensor then names that op's output. Dropout in eval mode is the
 * identity and leaves no node.
 */
import { noGrad, setInPlaceObserver, setOpObserver, Tensor } from '@cresset/autograd';
import type { Function, Input } from '@cresset/autograd';
import { Module, RNNBase } from '@cresset/nn';
import { NDArray, ValueError } from '@cresset/tensor';
import { UnsupportedOperatorError } from '../errors';
import { ConvertContext } from './convert_context';
import { CONVERTERS } from './converters';
import { GraphBuilder } from './graph_builder';
import { exportRecurrent } from './recurrent';

export interface Traced {
  graph: GraphBuilder;
  outputs: Tensor[];
}

/** The parameter and buffer arrays of a model by their state-dict keys. */
function stateNames(model: Module): Map<NDArray, string> {
  const names = new Map<NDArray, string>();
  for (const [k, t] of [...model.namedParameters(), ...model.namedBuffers()]) if (!names.has(t.array)) names.set(t.array, k);
  return names;
}

class Tracer {
  readonly graph: GraphBuilder;
  private paths: [string, Module][] = [];
  /** Above 0 while a recurrent layer runs: its ops are exported as one ONNX node instead. */
  private muted = 0;

  constructor(private model: Module, private opset: number) {
    this.graph = new GraphBuilder(stateNames(model));
  }

  get path(): string {
    return this.paths[this.paths.length - 1]?.[0] ?? '';
  }
  get moduleClass(): string {
    return (this.paths[this.paths.length - 1]?.[1] ?? this.model).constructor.name;
  }

  /** Converts one op as it runs. */
  observe = (fn: Function, inputs: readonly Input[], outputs: readonly Tensor[]): void => {
    if (this.muted) return;
    const convert = CONVERTERS.get(fn.constructor);
    const c = new ConvertContext(fn, inputs, outputs, this.graph, this.path, this.moduleClass, this.opset);
    if (!convert) throw new UnsupportedOperatorError(`onnx.export: no ONNX mapping for the op ${c.where} (autograd op ${fn.constructor.name})`);
    convert(c, fn);
  };

  /** An in-place op ran out of place (and was converted): its target is now that result's value. */
  inPlace = (target: Tensor, result: Tensor): void => {
    const name = this.graph.lookup(result.array);
    if (name === undefined) return;
    this.graph.define(target.array, name);
    this.graph.keepUntouched(target.array);
  };

  /** RNN / LSTM / GRU on a padded input: ONNX's recurrent ops (recurrent.ts) in place of the traced steps. */
  private recurrent(m: RNNBase, run: () => unknown, args: unknown[]): unknown {
    const hx = args[1] === undefined || args[1] === null ? null : args[1] instanceof Tensor ? [args[1]] : [...(args[1] as Tensor[])];
    this.muted++; // the forward and the weights' regrouping are not traced
    try {
      const y = run();
      exportRecurrent(this.graph, this.path, m, args[0] as Tensor, hx, flattenOutputs(y) as Tensor[]);
      return y;
    } finally {
      this.muted--;
    }
  }

  /** Wraps every submodule's forward to keep the module path; returns the undo. */
  private wrapModules(): () => void {
    const undo: (() => void)[] = [];
    for (const [path, m] of this.model.namedModules()) {
      const own = Object.getOwnPropertyDescriptor(m, 'forward');
      const original = m.forward;
      const tracer = this;
      const wrapped = function (this: Module, ...args: unknown[]) {
        tracer.paths.push([path, m]);
        try {
          const run = () => original.apply(m, args);
          if (m instanceof RNNBase && args[0] instanceof Tensor) return tracer.recurrent(m, run, args);
          return run();
        } finally {
          tracer.paths.pop();
        }
      };
      Object.defineProperty(m, 'forward', { value: wrapped, configurable: true, writable: true, enumerable: false });
      undo.push(() => {
        if (own) Object.defineProperty(m, 'forward', own);
        else delete (m as unknown as { forward?: unknown }).forward;
      });
    }
    return () => undo.forEach((u) => u());
  }

  run(inputs: readonly Tensor[]): Tensor[] {
    const unwrap = this.wrapModules();
    const previous = setOpObserver(this.observe);
    const previousInPlace = setInPlaceObserver(this.inPlace);
    let result: unknown;
    try {
      result = noGrad(() => this.model.forward(...inputs));
    } finally {
      setOpObserver(previous);
      setInPlaceObserver(previousInPlace);
      unwrap();
    }
    const outs = flattenOutputs(result);
    outs.forEach((o, i) => {
      if (!(o instanceof Tensor)) throw new ValueError(`onnx.export: output ${i} of ${this.model.constructor.name}.forward is ${typeof o}, expected a Tensor (or an array of Tensors)`);
    });
    return outs as Tensor[];
  }
}

/** A forward's result as its list of outputs: nested arrays ([output, [h_n, c_n]]) flattened in order. */
export function flattenOutputs(result: unknown): unknown[] {
  return Array.isArray(result) ? result.flatMap(flattenOutputs) : [result];
}

/** Traces model.forward(...inputs), whose graph inputs are already named by `inputNames`. */
export function trace(model: Module, inputs: readonly Tensor[], inputNames: readonly string[], opset: number): Traced {
  const tracer = new Tracer(model, opset);
  inputs.forEach((x, i) => tracer.graph.define(x.array, inputNames[i]));
  const outputs = tracer.run(inputs);
  return { graph: tracer.graph, outputs };
}
