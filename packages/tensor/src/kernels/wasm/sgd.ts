/**
 * The SGD update on the wasm kernel (assembly/sgd.ts), float32 only: the elements shared out over
 * the threads in blocks, each element updated by one thread.
 */
import type { Backend } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';

export function createSgdKernels(ctx: WasmContext): Pick<Backend, 'sgdUpdate'> {
  const { rt } = ctx;

  const sgdUpdate: Backend['sgdUpdate'] = (n, p, pOff, g, gOff, buf, bOff, o) => {
    const momentum = o.momentum !== 0;
    if (!(p instanceof Float32Array && g instanceof Float32Array && (!momentum || buf instanceof Float32Array))) {
      return referenceBackend.sgdUpdate(n, p, pOff, g, gOff, buf, bOff, o);
    }
    if (n === 0) return;
    ctx.scoped((threads) => {
      const pm = new OutputMatrix(rt, p, pOff, 1, n, n, true);
      const gp = stageRange(rt, g, gOff, n);
      const bm = momentum ? new OutputMatrix(rt, buf as Float32Array, bOff, 1, n, n, true) : null;
      const at = rt.alloc(32);
      new Float64Array(rt.memory.buffer, at, 4).set([o.lr, o.momentum, o.dampening, o.weightDecay]);
      const parts = taskCount(threads, n, Math.ceil(n / 4));
      ctx.run(blocks(n, parts, 4).map(([i0, m]) => ({
        op: 'sgdF32' as const, args: [pm.ptr, gp, bm ? bm.ptr : 0, i0, i0 + m, at, o.nesterov ? 1 : 0, o.maximize ? 1 : 0],
      })));
      pm.commit();
      bm?.commit();
    });
  };

  return { sgdUpdate };
}
