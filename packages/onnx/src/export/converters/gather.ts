/**
 * gather as ONNX GatherElements (its index a constant); embedding lookups and x[integer tensor]
 * as Gather on axis 0.
 */
import type { Embedding, Gather, IndexTensor } from '@cresset/autograd';
import { attr } from '../../schema/attributes';
import type { ConvertContext } from '../convert_context';

export function gather(c: ConvertContext, op: Gather): void {
  const axis = op.dim < 0 ? op.dim + c.out.ndim : op.dim;
  c.result(...c.node('GatherElements', [c.input(0), c.graph.valueOf(op.index, 'int64', c.where)], [attr.int('axis', axis)]));
}

/** Embedding lookups; with max_norm the weight is renormalised in place by each call, which ONNX has no form for. */
export function embedding(c: ConvertContext, op: Embedding): void {
  if (op.maxNorm !== null) c.unsupported('embedding with max_norm (each call renormalises the weight in place)');
  c.result(...c.node('Gather', [c.input(0), c.input(1, 'int64')], [attr.int('axis', 0)]));
}

/** x[indices] for an integer tensor: Gather on axis 0 with the indices as a constant (negative ones count from the end, as in ONNX). */
export function indexTensor(c: ConvertContext, op: IndexTensor): void {
  c.result(...c.node('Gather', [c.input(0), c.graph.valueOf(op.indices, 'int64', c.where)], [attr.int('axis', 0)]));
}
