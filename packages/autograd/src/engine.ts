/**
 * The backward engine: walks the graph from the roots in reverse topological order, summing the
 * gradients that reach each node before running it, as torch.autograd.backward does.
 */
import { AutogradError, binary, formatSize, NDArray, ShapeError } from '@cresset/tensor';
import { Function, Node } from './function';
import { noGrad } from './grad_mode';
import type { Tensor } from './tensor';

/** Nodes reachable from the roots, each after every node that feeds it a gradient. */
function topoOrder(roots: Node[]): Node[] {
  const order: Node[] = [];
  const seen = new Set<Node>();
  const stack: [Node, number][] = roots.map((r) => [r, 0]);
  for (const r of roots) seen.add(r);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [node, i] = top;
    if (i < node.next.length) {
      top[1]++;
      const e = node.next[i];
      if (e && !seen.has(e.node)) {
        seen.add(e.node);
        stack.push([e.node, 0]);
      }
    } else {
      stack.pop();
      order.push(node);
    }
  }
  return order.reverse();
}

function addGrad(acc: (NDArray | null)[], i: number, g: NDArray): void {
  const prev = acc[i];
  acc[i] = prev ? binary('add', prev, g) : g;
}

/** Backpropagates `grads` (one per root; gradients of the roots themselves) through the graph. */
export function runBackward(roots: Tensor[], grads: NDArray[], retainGraph = false): void {
  const pending = new Map<Node, (NDArray | null)[]>();
  const starts: Node[] = [];
  roots.forEach((t, i) => {
    if (!t.requiresGrad) {
      throw new AutogradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    const g = grads[i];
    if (g.ndim !== t.ndim || g.shape.some((s, j) => s !== t.shape[j])) {
      throw new ShapeError(`backward: Mismatch in shape: grad_output[${i}] has a shape of ${formatSize(g.shape)} and output[${i}] has a shape of ${formatSize(t.shape)}.`);
    }
    const edge = t.gradEdge();
    const acc = pending.get(edge.node) ?? [];
    addGrad(acc, edge.outputNr, g);
    pending.set(edge.node, acc);
    starts.push(edge.node);
  });
  noGrad(() => {
    for (const node of topoOrder(starts)) {
      const gIn = pending.get(node);
      if (!gIn) continue;
      pending.delete(node);
      node.retained.forEach((t, i) => {
        if (t && gIn[i]) t.accumulateGrad(gIn[i]!);
      });
      const gOut = node.runBackward(gIn);
      if (node instanceof Function && !retainGraph) node.release();
      node.next.forEach((e, i) => {
        const g = gOut[i];
        if (!e || !g) return;
        const acc = pending.get(e.node) ?? [];
        addGrad(acc, e.outputNr, g);
        pending.set(e.node, acc);
      });
    }
  });
}
