/**
 * The cresset side of the model benchmarks: a LeNet training step (forward, backward, SGD with
 * momentum; data excluded), inference at batch 64 and batch 1, each eagerly and through
 * torch.compile, and nn.Conv2d(3, 7, 5) forward and backward on a 32x3x128x128 batch. The same
 * work as bench/pytorch_lenet.py. Run directly (`lenet.ts THREADS SECONDS`), it prints the
 * times as JSON: the bench measures LeNet in a process of its own, as PyTorch's runs in its own,
 * so the rows time LeNet rather than the heap and plans the larger models leave behind.
 */
import * as torch from 'cresset';
import { medianSeconds, sampleSeconds } from './timing';

const F = torch.nn.functional;
export const BATCH = 64;

export interface ModelTimes {
  trainSamplesPerS: number;
  inferSamplesPerS: number;
  inferBatch1Ms: number;
  compiledTrainSamplesPerS: number;
  compiledInferSamplesPerS: number;
  compiledInferBatch1Ms: number;
  convFwdMs: number;
  convFwdBwdMs: number;
}

export function lenetAndInput(): { model: torch.models.LeNet; x: torch.Tensor; y: torch.Tensor } {
  torch.manualSeed(0);
  return { model: new torch.models.LeNet(), x: torch.randn([BATCH, 3, 32, 32]), y: torch.randint(0, 10, [BATCH]) };
}

export function timeCresset(seconds: number): ModelTimes {
  const { model, x, y } = lenetAndInput();
  const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
  const trainStep = () => {
    opt.zeroGrad();
    F.crossEntropy(model.forward(x), y).backward();
    opt.step();
  };
  // untimed first: the pool's workers start (after a thread-count change) and the JIT warms up
  sampleSeconds(trainStep, seconds);
  const trainSamplesPerS = BATCH / medianSeconds(trainStep, seconds);
  const compiledStep = torch.compile(trainStep);
  const compiledTrainSamplesPerS = BATCH / medianSeconds(compiledStep, seconds);
  model.eval();
  const fast = torch.compile(model);
  const x1 = x.narrow(0, 0, 1).clone();
  const [inferSamplesPerS, inferBatch1Ms, compiledInferSamplesPerS, compiledInferBatch1Ms] = torch.noGrad(() => [
    BATCH / medianSeconds(() => model.forward(x), seconds),
    1e3 * medianSeconds(() => model.forward(x1), seconds),
    BATCH / medianSeconds(() => fast.forward(x), seconds),
    1e3 * medianSeconds(() => fast.forward(x1), seconds),
  ]);
  const conv = new torch.nn.Conv2d(3, 7, 5);
  const big = torch.randn([32, 3, 128, 128], { requiresGrad: true });
  const convFwdMs = 1e3 * torch.noGrad(() => medianSeconds(() => conv.forward(big), seconds));
  const convFwdBwdMs = 1e3 * medianSeconds(() => {
    conv.zeroGrad();
    big.grad = null;
    conv.forward(big).sum().backward();
  }, seconds);
  return { trainSamplesPerS, inferSamplesPerS, inferBatch1Ms, compiledTrainSamplesPerS, compiledInferSamplesPerS, compiledInferBatch1Ms, convFwdMs, convFwdBwdMs };
}

if (require.main === module) {
  torch.setNumThreads(Number(process.argv[2]));
  console.log(JSON.stringify(timeCresset(Number(process.argv[3]))));
}
