/**
 * The mobile-network rows of `npm run bench`: torch.models.mobilenet_v2, mobilenet_v3_large and
 * efficientnet_b0 (eval mode, seeded initial weights), forward at batch 1 on 224x224, eagerly and
 * through torch.compile, against onnxruntime-node running cresset's own export of the same model.
 * Their depthwise convolutions run on the depthwise kernel (assembly/conv_depthwise.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { medianSeconds, medianSecondsAsync } from './timing';

export const MOBILE_MODELS = ['mobilenet_v2', 'mobilenet_v3_large', 'efficientnet_b0'] as const;

export interface MobileTimes {
  name: string;
  forwardMs: number;
  compiledForwardMs: number;
  ortForwardMs: number;
}

/** Each model's eager, compiled and onnxruntime forward times (ms, medians) at `threads` threads. */
export async function timeMobile(threads: number, seconds: number): Promise<MobileTimes[]> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ort = require('onnxruntime-node');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-mobile-'));
  const out: MobileTimes[] = [];
  try {
    torch.setNumThreads(threads);
    for (const name of MOBILE_MODELS) {
      torch.manualSeed(0);
      const model = torch.models[name]().eval();
      const x = torch.randn([1, 3, 224, 224]);
      const forwardMs = 1e3 * medianSeconds(() => torch.noGrad(() => model.forward(x)), seconds, 3, 5);
      const fast = torch.compile(model);
      const compiledForwardMs = 1e3 * medianSeconds(() => torch.noGrad(() => fast.forward(x)), seconds, 3, 5);
      const file = path.join(dir, `${name}.onnx`);
      torch.onnx.export(model, x, file, { opsetVersion: 17 });
      const session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
      const input = new ort.Tensor('float32', Float32Array.from(x.flatten().toArray() as number[]), [1, 3, 224, 224]);
      const ortForwardMs = 1e3 * await medianSecondsAsync(() => session.run({ [session.inputNames[0]]: input }), seconds);
      await session.release();
      out.push({ name, forwardMs, compiledForwardMs, ortForwardMs });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
