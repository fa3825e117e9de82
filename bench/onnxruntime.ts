/**
 * The onnxruntime-node side of the inference benchmark, on the LeNet that cresset exports with
 * torch.onnx.export. When cresset's export fails, the same LeNet is exported by PyTorch (when
 * `/usr/bin/python3` has torch) with cresset's weights, so the comparison still runs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { BATCH, lenetAndInput } from './lenet';
import { medianSecondsAsync } from './timing';

export interface OrtTimes {
  exporter: string;
  inferSamplesPerS: number;
  inferBatch1Ms: number;
}

/** Writes the LeNet of lenetAndInput() as ONNX; returns which exporter made it. */
function exportLeNet(file: string): string {
  const { model, x } = lenetAndInput();
  model.eval();
  try {
    torch.onnx.export(model, x, file, { inputNames: ['input'], dynamicAxes: { input: { 0: 'batch' } } });
    return 'cresset torch.onnx.export';
  } catch (e) {
    console.log(`(cresset's ONNX export failed: ${(e as Error).message.split('\n')[0]}; exporting with PyTorch instead)`);
  }
  const weights = path.join(path.dirname(file), 'weights.json');
  const sd = Object.fromEntries(Object.entries(model.stateDict()).map(([k, v]) => [k, { shape: v.shape, data: Array.from(v.flatten().toArray() as number[]) }]));
  fs.writeFileSync(weights, JSON.stringify(sd));
  const script = `
import json, sys, torch
sys.path.insert(0, ${JSON.stringify(__dirname)})
from pytorch_lenet import LeNet
m = LeNet().eval()
sd = {k: torch.tensor(v['data']).reshape(v['shape']) for k, v in json.load(open(sys.argv[1])).items()}
m.load_state_dict(sd)
torch.onnx.export(m, torch.zeros(${BATCH}, 3, 32, 32), sys.argv[2], input_names=['input'], dynamic_axes={'input': {0: 'batch'}})
`;
  execFileSync('/usr/bin/python3', ['-c', script, weights, file], { stdio: 'inherit' });
  return 'PyTorch torch.onnx.export';
}

export async function timeOnnxRuntime(threads: number, seconds: number): Promise<OrtTimes> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ort = require('onnxruntime-node');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-bench-'));
  try {
    const file = path.join(dir, 'lenet.onnx');
    const exporter = exportLeNet(file);
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, interOpNumThreads: 1 });
    const { x } = lenetAndInput();
    const input = new ort.Tensor('float32', Float32Array.from(x.flatten().toArray() as number[]), [BATCH, 3, 32, 32]);
    const input1 = new ort.Tensor('float32', (input.data as Float32Array).slice(0, 3 * 32 * 32), [1, 3, 32, 32]);
    const name = session.inputNames[0];
    const inferSamplesPerS = BATCH / await medianSecondsAsync(() => session.run({ [name]: input }), seconds);
    const inferBatch1Ms = 1e3 * await medianSecondsAsync(() => session.run({ [name]: input1 }), seconds);
    await session.release();
    return { exporter, inferSamplesPerS, inferBatch1Ms };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
