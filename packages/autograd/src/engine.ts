/**
 * The backward engine: walks the graph from the roots in reverse topological order, summing the
 * gradients that reach each node before running it, as torch.autograd.backward does.
 *
 * The gradients it passes between nodes are its own: it counts, per storage, the pending slots
 * that hold an array of it, and once a node has run and no slot holds that storage any longer,
 * hands it back to the backend's pool (pooled_storage.ts), so a training step reuses the same
 * memory for its gradients. Only storage made in this backward pass can go back; .grad is
 * always a copy of its own.
 *
 * With createGraph the gradients are tensors and every node runs its backward as differentiable
 * tensor ops with grad mode on (runBackwardGraph), so the gradients have a graph of their own to
 * differentiate again. Given `targets` (torch.autograd.grad), the gradients reaching those edges
 * are returned instead of being accumulated into any .grad.
 */
import { AutogradError, binary, formatSize, NDArray, noteRead, pooledScope, releaseStorage, ShapeError, TypedArray, unpooled } from '@cresset/tensor';
import { AccumulateGrad, Edge, Function, Node } from './function';
import { enableGrad, noGrad } from './grad_mode';
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

/** Pending slots per storage: a storage no slot holds, once its consumer has run, is released. */
class Holds {
  private readonly count = new Map<TypedArray, number>();
  constructor(private readonly scope: number) {}
  hold(g: NDArray): void {
    this.count.set(g.data, (this.count.get(g.data) ?? 0) + 1);
  }
  drop(g: NDArray): void {
    const n = (this.count.get(g.data) ?? 1) - 1;
    if (n > 0) {
      this.count.set(g.data, n);
      return;
    }
    this.count.delete(g.data);
    releaseStorage(g.data, this.scope);
  }
}

/** Adds g into slot i (held), summing with what is there. */
function addGrad(acc: (NDArray | null)[], i: number, g: NDArray, holds: Holds): void {
  const prev = acc[i];
  if (!prev) {
    acc[i] = g;
    holds.hold(g);
    return;
  }
  const sum = binary('add', prev, g);
  holds.hold(sum);
  acc[i] = sum;
  holds.drop(prev);
  // g is consumed here too, unless another slot holds it
  holds.hold(g);
  holds.drop(g);
}

let passes = 0;

/** How many backward passes have run in this process (torch.compile tells a training step by it). */
export function backwardPasses(): number {
  return passes;
}

/** The roots' edges, after checking each requires grad and its gradient has its shape. */
function rootEdges(roots: Tensor[], shapes: (readonly number[])[]): Edge[] {
  return roots.map((t, i) => {
    if (!t.requiresGrad) {
      throw new AutogradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    const g = shapes[i];
    if (g.length !== t.ndim || g.some((s, j) => s !== t.shape[j])) {
      throw new ShapeError(`backward: Mismatch in shape: grad_output[${i}] has a shape of ${formatSize(g)} and output[${i}] has a shape of ${formatSize(t.shape)}.`);
    }
    return t.gradEdge();
  });
}

/** Records, into `out`, the gradient each target edge gets from the pending gradients of `node`. */
function capture<G>(targets: Edge[] | undefined, node: Node, gIn: (G | null)[], out: (G | null)[], copy: (g: G) => G): void {
  targets?.forEach((e, k) => {
    const g = e.node === node ? gIn[e.outputNr] : null;
    if (g) out[k] = copy(g);
  });
}

/**
 * Backpropagates `grads` (one per root; gradients of the roots themselves) through the graph.
 * With `targets`, returns the gradient of each target edge (null where none arrives) and leaves
 * every .grad as it is.
 */
export function runBackward(roots: Tensor[], grads: NDArray[], retainGraph = false, targets?: Edge[]): (NDArray | null)[] {
  passes++;
  const captured: (NDArray | null)[] = (targets ?? []).map(() => null);
  pooledScope((scope) => {
    const holds = new Holds(scope);
    const pending = new Map<Node, (NDArray | null)[]>();
    const starts = rootEdges(roots, grads.map((g) => g.shape)).map((edge, i) => {
      const acc = pending.get(edge.node) ?? [];
      addGrad(acc, edge.outputNr, grads[i], holds);
      pending.set(edge.node, acc);
      return edge.node;
    });
    noGrad(() => {
      for (const node of topoOrder(starts)) {
        const gIn = pending.get(node);
        if (!gIn) continue;
        pending.delete(node);
        // a captured gradient outlives the pass: copied out of its pool
        capture(targets, node, gIn, captured, (g) => unpooled(() => g.clone()));
        if (targets && node instanceof AccumulateGrad) {
          for (const g of gIn) if (g) holds.drop(g);
          continue;
        }
        if (!targets) {
          node.retained.forEach((t, i) => {
            if (t && gIn[i]) t.accumulateGrad(gIn[i]!);
          });
        }
        const gOut = node.runBackward(gIn);
        if (node instanceof Function && !retainGraph) node.release();
        node.next.forEach((e, i) => {
          const g = gOut[i];
          if (!e || !g) return;
          const acc = pending.get(e.node) ?? [];
          addGrad(acc, e.outputNr, g, holds);
          pending.set(e.node, acc);
        });
        // the node's own gradients are consumed (what it passed on is held again above)
        for (const g of gIn) if (g) holds.drop(g);
      }
    });
  });
  return captured;
}

/**
 * Backpropagates as runBackward does, with createGraph: the gradients are tensors, each node's
 * backward runs as differentiable tensor ops with grad mode on, and .grad (or, with `targets`,
 * the returned gradients) keep the graph that computed them.
 */
export function runBackwardGraph(roots: Tensor[], grads: Tensor[], retainGraph = true, targets?: Edge[]): (Tensor | null)[] {
  passes++;
  // the .grad it sets are graph tensors made by JavaScript, which a compiled plan cannot rebuild
  noteRead('it runs a backward pass with createGraph');
  const captured: (Tensor | null)[] = (targets ?? []).map(() => null);
  const pending = new Map<Node, (Tensor | null)[]>();
  const add = (node: Node, i: number, g: Tensor) => {
    const acc = pending.get(node) ?? [];
    acc[i] = acc[i] ? acc[i]!.add(g) : g;
    pending.set(node, acc);
  };
  enableGrad(() => {
    const starts = rootEdges(roots, grads.map((g) => g.shape)).map((edge, i) => {
      add(edge.node, edge.outputNr, grads[i]);
      return edge.node;
    });
    for (const node of topoOrder(starts)) {
      const gIn = pending.get(node);
      if (!gIn) continue;
      pending.delete(node);
      capture(targets, node, gIn, captured, (g) => g);
      if (targets && node instanceof AccumulateGrad) continue;
      if (!targets) {
        node.retained.forEach((t, i) => {
          const g = gIn[i];
          if (t && g) t.grad = t.grad ? t.grad.add(g) : g;
        });
      }
      const gOut = node.runBackwardGraph(gIn);
      if (node instanceof Function && !retainGraph) node.release();
      node.next.forEach((e, i) => {
        const g = gOut[i];
        if (e && g) add(e.node, e.outputNr, g);
      });
    }
  });
  return captured;
}
