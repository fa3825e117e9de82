/**
 * The profiling workload of docs/performance.md: a loop of LeNet training steps (forward,
 * backward, SGD with momentum, batch 64) or of batch-64 inference, for `node --cpu-prof`.
 * Usage: node --cpu-prof --cpu-prof-dir=prof -r ts-node/register/transpile-only bench/profile.ts train|infer [seconds] [threads] [compile]
 * (`compile`: the step through torch.compile).
 */
import * as torch from 'cresset';
import { lenetAndInput } from './lenet';

const F = torch.nn.functional;
const mode = process.argv[2] ?? 'train';
const seconds = Number(process.argv[3] ?? 10);
torch.setNumThreads(Number(process.argv[4] ?? torch.getNumThreads()));

const { model, x, y } = lenetAndInput();
const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
const eager =
  mode === 'train'
    ? () => {
        opt.zeroGrad();
        F.crossEntropy(model.forward(x), y).backward();
        opt.step();
      }
    : () => torch.noGrad(() => model.forward(x));
const step = process.argv[5] === 'compile' ? torch.compile(eager) : eager;
if (mode !== 'train') model.eval();
for (let i = 0; i < 5; i++) step();
let n = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
  step();
  n++;
}
const s = (performance.now() - start) / 1000;
console.log(`${mode}${process.argv[5] === 'compile' ? ' (compiled)' : ''}: ${n} steps in ${s.toFixed(2)} s, ${((n * x.shape[0]) / s).toFixed(0)} samples/s, ${torch.getNumThreads()} thread(s)`);
