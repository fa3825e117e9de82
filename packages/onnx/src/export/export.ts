/**
 * torch.onnx.export: traces a model on example inputs and writes an ONNX file (synchronously, as
 * PyTorch's). Weights become initializers under their state-dict keys; inputNames, outputNames,
 * dynamicAxes, opsetVersion (11 to 17, default 17) and docString as PyTorch's options.
 */
import type { Tensor } from '@cresset/autograd';
import type { Module } from '@cresset/nn';
import { ValueError } from '@cresset/tensor';
import { writeModel } from '../schema/codec';
import { onnxDataType } from '../schema/tensor_proto';
import type { Dimension, ModelProto, ValueInfoProto } from '../schema/types';
import { inEvalMode } from './modes';
import { trace } from './trace';

export const MIN_EXPORT_OPSET = 11;
export const MAX_EXPORT_OPSET = 17;
export const DEFAULT_OPSET = 17;

/** Dynamic axes of one input or output: { 0: 'batch' }, or [0] (named as PyTorch names them). */
export type DynamicAxes = Record<number, string> | number[];

export interface ExportOptions {
  inputNames?: string[];
  outputNames?: string[];
  dynamicAxes?: Record<string, DynamicAxes>;
  opsetVersion?: number;
  docString?: string;
  /**
   * Whether export writes the weights to `<file>.data` beside the model (ONNX's external data, as
   * onnx.save_model's save_as_external_data). By default only when they pass protobuf's 2 GiB
   * limit, as torch.onnx.export does.
   */
  externalData?: boolean;
}

/** The IR version that goes with an opset (ONNX's versioning table). */
function irVersionFor(opset: number): number {
  return opset <= 11 ? 6 : opset <= 13 ? 7 : 8;
}

function valueInfo(name: string, t: Tensor, dims: Dimension[]): ValueInfoProto {
  return { name, type: { tensorType: { elemType: onnxDataType(t.dtype), shape: { dim: dims } } } };
}

/** Each value's dims: a name where dynamic, else the traced size, or unknown if `unknownOthers`. */
function dimsOf(name: string, t: Tensor, dynamic: Record<string, DynamicAxes>, unknownOthers: boolean): Dimension[] {
  const spec = dynamic[name];
  const named = new Map<number, string>();
  if (Array.isArray(spec)) spec.forEach((a, i) => named.set(a, `${name}_dynamic_axes_${i + 1}`));
  else if (spec) Object.entries(spec).forEach(([a, n]) => named.set(Number(a), n));
  for (const a of named.keys()) {
    if (!Number.isInteger(a) || a < 0 || a >= t.ndim) throw new ValueError(`onnx.export: dynamicAxes['${name}'] names axis ${a}, but '${name}' has shape [${t.shape.join(', ')}]`);
  }
  return t.shape.map((s, i) => (named.has(i) ? { dimParam: named.get(i) } : unknownOthers ? {} : { dimValue: s }));
}

/** Traces the model and builds the ONNX ModelProto (what export writes). */
export function exportToModelProto(model: Module, args: Tensor | readonly Tensor[], options: ExportOptions = {}): ModelProto {
  const inputs = Array.isArray(args) ? [...args] : [args as Tensor];
  const opset = options.opsetVersion ?? DEFAULT_OPSET;
  if (!Number.isInteger(opset) || opset < MIN_EXPORT_OPSET || opset > MAX_EXPORT_OPSET) {
    throw new ValueError(`onnx.export: opsetVersion ${opset} is not supported; expected ${MIN_EXPORT_OPSET} to ${MAX_EXPORT_OPSET}`);
  }
  const inputNames = inputs.map((_, i) => options.inputNames?.[i] ?? (inputs.length === 1 ? 'input' : `input_${i}`));
  if (options.inputNames && options.inputNames.length > inputs.length) {
    throw new ValueError(`onnx.export: ${options.inputNames.length} inputNames for ${inputs.length} inputs`);
  }
  const { graph, outputs } = inEvalMode(model, () => trace(model, inputs, inputNames, opset));
  const outputNames = outputs.map((_, i) => options.outputNames?.[i] ?? (outputs.length === 1 ? 'output' : `output_${i}`));
  const dynamic = options.dynamicAxes ?? {};
  for (const k of Object.keys(dynamic)) {
    if (!inputNames.includes(k) && !outputNames.includes(k)) {
      throw new ValueError(`onnx.export: dynamicAxes names '${k}', which is neither an input (${inputNames.join(', ')}) nor an output (${outputNames.join(', ')})`);
    }
  }
  // outputs get their names: a node's output is renamed, anything else goes through an Identity
  outputs.forEach((t, i) => {
    const current = graph.lookup(t.array) ?? graph.valueOf(t, t.dtype, `output ${i}`);
    if (graph.producedByNode(current) && !outputNames.slice(0, i).includes(current) && !inputNames.includes(current)) {
      graph.rename(current, outputNames[i]);
      graph.define(t.array, outputNames[i]);
    } else {
      graph.nodes.push({ name: `/Identity_output_${i}`, opType: 'Identity', input: [current], output: [outputNames[i]], attribute: [], domain: '' });
    }
  });
  graph.prune(outputNames);
  const anyDynamic = inputNames.some((n) => dynamic[n] !== undefined);
  return {
    irVersion: irVersionFor(opset),
    producerName: 'cresset',
    producerVersion: '0.1.0',
    opsetImport: [{ domain: '', version: opset }],
    ...(options.docString ? { docString: options.docString } : {}),
    graph: {
      name: 'main_graph',
      node: graph.nodes,
      initializer: [...graph.initializers.values()],
      input: inputs.map((t, i) => valueInfo(inputNames[i], t, dimsOf(inputNames[i], t, dynamic, false))),
      output: outputs.map((t, i) => valueInfo(outputNames[i], t, dimsOf(outputNames[i], t, dynamic, anyDynamic))),
    },
  };
}

/** torch.onnx.export(model, args, path, options): writes the traced model to `path`. */
export function exportModel(model: Module, args: Tensor | readonly Tensor[], path: string, options: ExportOptions = {}): void {
  writeModel(exportToModelProto(model, args, options), path, options.externalData);
}
