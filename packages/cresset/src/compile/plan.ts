/**
 * A compiled plan: one recorded run of a function (kernel tape, see @cresset/tensor's
 * recording.ts) with the arrays it reads its tensor arguments from and the tensors it returns.
 * `run(args)` copies the new arguments' values into those arrays, replays the tape and returns
 * fresh copies of the results, so a later run never overwrites what an earlier one returned.
 */
import { Tensor } from '@cresset/autograd';
import * as T from '@cresset/tensor';
import { withOutsideInputs } from './outside_inputs';
import { mapTensors, tensorLeaves } from './tensor_tree';

/** A tensor the plan reads that the recorded run did not make (a parameter, a buffer), as it was then. */
interface External {
  tensor: Tensor;
  array: T.NDArray;
  requiresGrad: boolean;
}

export class Plan {
  private constructor(
    private readonly tape: T.KernelTape,
    /** The arrays the tensor arguments are copied into, in argument order. */
    private readonly inputs: T.NDArray[],
    /** The function's result, its tensors being the plan's own arrays. */
    private readonly result: unknown,
    private readonly externals: External[],
  ) {}

  /**
   * Records one run of `fn(...args)`. Tensor arguments are copied first into arrays of the plan's
   * own, which is what the function sees. Returns the function's result (fresh copies) and the
   * plan, or the reason it cannot be replayed.
   */
  static record(fn: (...args: unknown[]) => unknown, args: unknown[]): { result: unknown; plan: Plan | null; reason: string | null } {
    const values = tensorLeaves(args).map((t) => t.array.values());
    const made = new WeakSet<Tensor>();
    const inputs: T.NDArray[] = [];
    const { result: { result, tape }, outside } = withOutsideInputs(() => T.recordKernels(() => {
      let i = 0;
      const own = mapTensors(args, (t) => {
        const a = T.NDArray.output(t.shape, t.dtype);
        a.data.set(values[i++]);
        inputs.push(a);
        const copy = new Tensor(a, t.requiresGrad);
        made.add(copy);
        return copy;
      }) as unknown[];
      return fn(...own);
    }), made);
    const externals = outside.map((tensor) => ({ tensor, array: tensor.array, requiresGrad: tensor.requiresGrad }));
    const plan = new Plan(tape, inputs, result, externals);
    const reason = tape.broken;
    const out = plan.copyResult();
    if (reason) plan.dispose();
    return { result: out, plan: reason ? null : plan, reason };
  }

  /** True while every tensor the plan reads from outside still has the array and requires_grad it had. */
  current(): boolean {
    for (const e of this.externals) if (e.tensor.array !== e.array || e.tensor.requiresGrad !== e.requiresGrad) return false;
    return true;
  }

  /** True while the state outside tensors the recorded run depended on (modules' training flags) is as it was. */
  holds(): boolean {
    return this.tape.holds();
  }

  /** Runs the plan on new arguments of the recorded shapes and dtypes. */
  run(args: unknown[]): unknown {
    const leaves = tensorLeaves(args);
    for (let i = 0; i < leaves.length; i++) this.inputs[i].data.set(leaves[i].array.values());
    this.tape.replay();
    return this.copyResult();
  }

  /** Gives the plan's storage back. */
  dispose(): void {
    this.tape.dispose();
  }

  private copyResult(): unknown {
    return mapTensors(this.result, (t) => new Tensor(T.unpooled(() => t.array.clone())));
  }
}
