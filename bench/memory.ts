/**
 * Memory check (run by bench/run.ts as its own process): five epochs of LeNet training from a
 * DataLoader over 3,200 random 3x32x32 samples, batch 64, printing the resident set size after
 * each epoch and the largest seen after any step as one JSON line. (Not the process's maxRSS:
 * Linux carries that over from the parent across exec, so it would report the bench's own.)
 * Nothing is disposed by hand: if kernels or tensors leaked, RSS would grow epoch after epoch.
 */
import * as torch from 'cresset';

const threads = Number(process.argv[2] ?? 0);
if (threads > 0) torch.setNumThreads(threads);
torch.manualSeed(0);
const F = torch.nn.functional;
const model = new torch.models.LeNet();
const opt = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
const data = new torch.utils.data.TensorDataset(torch.randn([3200, 3, 32, 32]), torch.randint(0, 10, [3200]));
const loader = new torch.utils.data.DataLoader(data, { batchSize: 64, shuffle: true });
const rssMB: number[] = [];
let peakMB = 0;
for (let epoch = 0; epoch < 5; epoch++) {
  for (const [x, y] of loader) {
    opt.zeroGrad();
    F.crossEntropy(model.forward(x as torch.Tensor), y as torch.Tensor).backward();
    opt.step();
    peakMB = Math.max(peakMB, process.memoryUsage().rss / 2 ** 20);
  }
  rssMB.push(process.memoryUsage().rss / 2 ** 20);
}
console.log(JSON.stringify({ rssMB, peakMB }));
