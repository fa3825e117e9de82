/**
 * An onnxruntime-node inference session on an in-memory model, with cresset tensors in and out
 * (torch.compile's onnxruntime backend runs on it). onnxruntime-node is loaded on first use, as
 * verify() loads it; this class's declared types name no onnxruntime type, so code that never
 * runs it type-checks without the optional dependency installed.
 */
import type { Tensor } from '@cresset/autograd';
import { encodeModel } from './schema/codec';
import type { ModelProto } from './schema/types';
import { fromOrtTensor, loadOnnxRuntime, OnnxRuntime, toOrtTensor } from './onnxruntime';

type Session = Awaited<ReturnType<OnnxRuntime['InferenceSession']['create']>>;

export class OnnxRuntimeSession {
  private constructor(private readonly ort: OnnxRuntime, private readonly session: Session) {}

  /** A session on `model` using `threads` intra-op threads; `feature` names the caller in the missing-dependency error. */
  static async create(model: ModelProto, threads: number, feature: string): Promise<OnnxRuntimeSession> {
    const ort = loadOnnxRuntime(feature);
    return new OnnxRuntimeSession(ort, await ort.InferenceSession.create(encodeModel(model), { intraOpNumThreads: threads }));
  }

  /** The model's outputs, in order, for its inputs in order. */
  async run(inputs: readonly Tensor[]): Promise<Tensor[]> {
    const feeds = Object.fromEntries(this.session.inputNames.map((n, i) => [n, toOrtTensor(this.ort, inputs[i])]));
    const results = await this.session.run(feeds);
    return this.session.outputNames.map((n) => fromOrtTensor(results[n]));
  }

  /** Frees the session's native resources. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
