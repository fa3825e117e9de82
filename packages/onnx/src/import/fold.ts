/**
 * Folding of an ONNX graph's constant part. At load time: Constant nodes, Shape of a graph input
 * whose declared dims are all static, and every node whose inputs are all such values. When every
 * graph input is static, the shape arithmetic on intermediate values (the Shape/Gather/Unsqueeze/
 * Concat/Reshape chains of an export with static shapes) is fixed too: shapeArithmetic names those
 * nodes, and the module keeps their outputs from its first forward. With a dynamic input (a
 * dynamic batch) that arithmetic is computed at each forward.
 */
import { noGrad, Tensor } from '@cresset/autograd';
import { zeros } from '@cresset/tensor';
import type { NodeProto, ValueInfoProto } from '../schema/types';
import { located, OpContext } from './op_context';
import { OPS } from './ops';

/** Ops whose outputs depend on more than their inputs (random masks), never folded. */
const UNFOLDABLE = new Set(['Dropout']);

/** The declared dims of a value when they are all static, else null. */
export function staticDims(v: ValueInfoProto): number[] | null {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims || !dims.every((d) => d.dimValue !== undefined)) return null;
  return dims.map((d) => Number(d.dimValue));
}

export interface FoldedGraph {
  /** The nodes left to run at each forward, in graph order. */
  run: NodeProto[];
  /** The folded values by name. */
  values: Map<string, Tensor>;
}

/** Splits the graph's nodes into the folded values and the nodes to run. */
export function foldConstants(nodes: readonly NodeProto[], inputs: readonly ValueInfoProto[], opset: number, source: string): FoldedGraph {
  const values = new Map<string, Tensor>();
  // a stand-in of each static graph input for Shape: one element broadcast to the declared dims
  const shapes = new Map<string, Tensor>();
  for (const v of inputs) {
    const dims = staticDims(v);
    if (dims) shapes.set(v.name ?? '', new Tensor(zeros([])).expand(dims));
  }
  const run: NodeProto[] = [];
  for (const node of nodes) {
    const names = node.input ?? [];
    const known = (n: string) => n === '' || values.has(n);
    const shapeOfInput = node.opType === 'Shape' && shapes.has(names[0]);
    if (UNFOLDABLE.has(node.opType ?? '') || !(shapeOfInput || names.every(known))) {
      run.push(node);
      continue;
    }
    const ins = names.map((n, i) => (n === '' ? undefined : i === 0 && shapeOfInput ? shapes.get(n) : values.get(n)));
    const c = new OpContext(node, ins, opset, source);
    const res = located(c.where, () => noGrad(() => OPS[node.opType!](c)));
    const outs = Array.isArray(res) ? res : [res];
    (node.output ?? []).forEach((n, i) => {
      if (n && outs[i]) values.set(n, outs[i]!);
    });
  }
  return { run, values };
}

/**
 * The nodes of `run` whose outputs depend only on shapes: Shape itself, and nodes whose inputs are
 * all folded values or outputs of such nodes.
 */
export function shapeArithmetic(run: readonly NodeProto[], folded: ReadonlyMap<string, Tensor>): Set<NodeProto> {
  const derived = new Set<string>();
  const nodes = new Set<NodeProto>();
  for (const node of run) {
    const names = node.input ?? [];
    const fromShapes = node.opType === 'Shape' || (!UNFOLDABLE.has(node.opType ?? '') && names.every((n) => n === '' || folded.has(n) || derived.has(n)));
    if (!fromShapes) continue;
    nodes.add(node);
    for (const n of node.output ?? []) if (n) derived.add(n);
  }
  return nodes;
}
