/**
 * torch.compile(model, { backend: 'onnxruntime' }), PyTorch's backend="onnxrt": the model is
 * exported to ONNX (per input shapes, and again whenever a parameter or buffer has changed) and
 * run by onnxruntime-node, whose native kernels win where they are faster than cresset's.
 * onnxruntime runs asynchronously, so the module's call is `forwardAsync`.
 */
import { Tensor } from '@cresset/autograd';
import { Module } from '@cresset/nn';
import { exportToModelProto, OnnxRuntimeSession } from '@cresset/onnx';
import { getNumThreads } from '@cresset/tensor';
import { CompileError } from './compiled_function';

interface Exported {
  session: Promise<OnnxRuntimeSession>;
  /** The parameters' and buffers' version counters when exported. */
  versions: number[];
}

export class OnnxRuntimeModule<M extends Module = Module> extends Module {
  private readonly sessions = new Map<string, Exported>();

  constructor(
    /** The module whose export onnxruntime runs, PyTorch's `_orig_mod`. */
    readonly _orig_mod: M,
  ) {
    super();
  }

  /** onnxruntime-node runs asynchronously: use forwardAsync. */
  forward(): never {
    throw new CompileError("torch.compile(model, { backend: 'onnxruntime' }): onnxruntime-node runs asynchronously; call `await compiled.forwardAsync(...inputs)` instead of forward");
  }

  /** The model's outputs for `inputs`, computed by onnxruntime-node on the exported graph (one tensor, or an array for several). */
  async forwardAsync(...inputs: Tensor[]): Promise<Tensor | Tensor[]> {
    const key = inputs.map((x) => `${x.dtype}[${x.shape.join(',')}]`).join(';') + (this._orig_mod.training ? '|train' : '|eval');
    const versions = this.versions();
    let e = this.sessions.get(key);
    if (!e || e.versions.some((v, i) => v !== versions[i])) {
      const old = e;
      const proto = exportToModelProto(this._orig_mod, inputs);
      e = { session: OnnxRuntimeSession.create(proto, getNumThreads(), "torch.compile(model, { backend: 'onnxruntime' })"), versions };
      this.sessions.set(key, e);
      if (old) await (await old.session).release();
    }
    const outs = await (await e.session).run(inputs);
    return outs.length === 1 ? outs[0] : outs;
  }

  /** Releases the onnxruntime sessions. */
  async release(): Promise<void> {
    for (const e of this.sessions.values()) await (await e.session).release();
    this.sessions.clear();
  }

  private versions(): number[] {
    return [...this._orig_mod.parameters(), ...this._orig_mod.buffers()].map((t) => t.array.versionCounter.version);
  }
}
