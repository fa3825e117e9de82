/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * The building blocks of torchvision's classification models, written as torchvision writes them
 * (inplace Hardswish, ReLU6, Hardsigmoid and SiLU; squeeze-excitation; channel shuffle through
 * view/transpose/contiguous; narrow and cat; ceil-mode max pooling; LayerNorm over channels through
 * permute; GELU; dropout; flatten) in one net, exported at opsets 11, 13 and 17 with a dynamic
 * batch: each file passes onnx.checker, onnxruntime agrees with cresset at two batch sizes, and
 * torch.onnx.load gives cresset's output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { readModel } from '@cresset/onnx';
import { checkModels } from './onnx_checker';

const { nn } = torch;
const F = nn.functional;
type T = torch.Tensor;

class VisionBlocks extends nn.Module {
  conv = new nn.Conv2d(3, 8, 3, { padding: 1 });
  bn = new nn.BatchNorm2d(8);
  act = new nn.Hardswish({ inplace: true });
  seReduce = new nn.Conv2d(8, 4, 1);
  seRelu = new nn.ReLU6({ inplace: true });
  seExpand = new nn.Conv2d(4, 8, 1);
  seGate = new nn.Hardsigmoid({ inplace: true });
  silu = new nn.SiLU({ inplace: true });
  pool = new nn.MaxPool2d(3, { stride: 2, ceilMode: true });
  norm = new nn.LayerNorm([8], { eps: 1e-6 });
  gelu = new nn.GELU();
  drop = new nn.Dropout(0.2, true);
  fc = new nn.Linear(8, 5);

  forward(x: T): T {
    let y = this.act.forward(this.bn.forward(this.conv.forward(x)));
    const gate = this.seGate.forward(this.seExpand.forward(this.seRelu.forward(this.seReduce.forward(F.adaptiveAvgPool2d(y, 1)))));
    y = y.mul(gate);
    const [b, c, h, w] = y.shape;
    y = y.view(b, 2, c / 2, h, w).transpose(1, 2).contiguous().view(b, -1, h, w);
    y = torch.cat([y.narrow(1, 0, 4), this.silu.forward(y.narrow(1, 4, 4).mul(2))], 1);
    y = this.pool.forward(y);
    y = this.gelu.forward(this.norm.forward(y.permute(0, 2, 3, 1))).permute(0, 3, 1, 2);
    return this.fc.forward(this.drop.forward(torch.flatten(F.adaptiveAvgPool2d(y, [1, 1]), 1)));
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-vision-'));
const files: string[] = [];

test.each([11, 13, 17])('opset %i: exports, runs in onnxruntime and imports with cresset\'s outputs', async (opset) => {
  torch.manualSeed(0);
  const m = new VisionBlocks();
  m.train();
  torch.noGrad(() => m.forward(torch.randn([4, 3, 9, 9]).mul(2))); // running statistics away from 0 and 1
  m.eval();
  const x = torch.randn([2, 3, 9, 9]);
  const file = path.join(dir, `blocks_${opset}.onnx`);
  torch.onnx.export(m, x, file, { opsetVersion: opset, dynamicAxes: { input: [0], output: [0] } });
  files.push(file);
  const ops = new Set(readModel(file).graph!.node!.map((n) => n.opType));
  const want = opset >= 14 ? ['HardSwish', 'HardSigmoid', 'Clip', 'BatchNormalization', 'Erf'] : ['HardSigmoid', 'Clip', 'BatchNormalization', 'Erf'];
  expect(want.filter((o) => !ops.has(o))).toEqual([]);
  for (const batch of [x, torch.randn([5, 3, 9, 9])]) {
    expect((await torch.onnx.verify(m, file, batch, { rtol: 1e-5, atol: 1e-5 })).passed).toBe(true);
  }
  const got = torch.onnx.load(file).forward(x) as T;
  expect(got.sub(m.forward(x)).abs().max().item()).toBeLessThan(1e-5);
});

test('the exported files pass onnx.checker.check_model(full_check=True)', () => {
  expect(files).toHaveLength(3);
  expect(checkModels(files)).toBe('');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
