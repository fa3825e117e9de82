/**
 * A profiling workload of docs/performance.md: resnet18 imported from ONNX (the file
 * bench/pytorch_resnet.py writes), forward at batch 1 or a training step at batch 8, for `node --cpu-prof`.
 * Usage: node --cpu-prof -r ts-node/register/transpile-only bench/profile_resnet.ts <file.onnx> infer|train [seconds] [threads]
 */
import * as torch from 'cresset';

const [file, mode = 'infer'] = process.argv.slice(2);
const seconds = Number(process.argv[4] ?? 5);
torch.setNumThreads(Number(process.argv[5] ?? torch.getNumThreads()));
const model = torch.onnx.load(file);
const batch = mode === 'train' ? 8 : 1;
const x = torch.randn([batch, 3, 224, 224]);
const y = torch.randint(0, 1000, [batch]);
const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
const step = mode === 'train'
  ? () => {
      opt.zeroGrad();
      torch.nn.functional.crossEntropy(model.forward(x) as torch.Tensor, y).backward();
      opt.step();
    }
  : () => torch.noGrad(() => model.forward(x));
if (mode !== 'train') model.eval();
step();
let n = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  step();
  n++;
}
console.log(`resnet18 ${mode}, batch ${batch}: ${((performance.now() - t0) / n).toFixed(1)} ms a step, ${torch.getNumThreads()} thread(s)`);
