/**
 * Behaviours PyTorch 1.13 has that cresset once got wrong: positional loss arguments with null for
 * None, the legacy reduction arguments, Unflatten's torch.Size repr, BatchNorm on an empty batch.
 */
import * as torch from 'cresset';

const { nn } = torch;

test('loss constructors take PyTorch\'s positional arguments, null standing for None', () => {
  const w = torch.tensor([0.2, 1, 0.5]);
  const nll = new nn.NLLLoss(w);
  expect(nll.weight).toBe(w);
  expect(new nn.NLLLoss(null, null, 2).ignoreIndex).toBe(2);
  const ce = new nn.CrossEntropyLoss(w, null, -100, null, 'sum', 0.1);
  // the weight by identity: Jest's toEqual iterates a Tensor (iterable over dim 0) down to 0-d ones, which refuse iteration as PyTorch's do
  expect(ce.weight).toBe(w);
  expect([ce.ignoreIndex, ce.reduction, ce.labelSmoothing]).toEqual([-100, 'sum', 0.1]);
  expect(new nn.MSELoss(false).reduction).toBe('sum');
  expect(new nn.L1Loss(null, false).reduction).toBe('none');
  expect(new nn.L1Loss(true, true).reduction).toBe('mean');
  expect(new nn.KLDivLoss({ reduction: 'batchmean' }).forward(torch.zeros([2, 3]), torch.full([2, 3], 0.5)).item()).toBeCloseTo(3 * 0.5 * Math.log(0.5), 6);
});

test('Unflatten prints a torch.Size as PyTorch does', () => {
  expect(String(new nn.Unflatten(1, torch.Size.fromShape([2, 2])))).toBe('Unflatten(dim=1, unflattened_size=torch.Size([2, 2]))');
  expect(String(new nn.Unflatten(1, [2, 2]))).toBe('Unflatten(dim=1, unflattened_size=(2, 2))');
});

test('BatchNorm in training mode on an empty batch returns an empty output, its running stats as they were', () => {
  const m = new nn.BatchNorm2d(3);
  const x = torch.randn([0, 3, 2, 2]).requiresGrad_();
  const y = m.forward(x);
  expect(y.shape).toEqual([0, 3, 2, 2]);
  expect(m.runningMean!.toArray()).toEqual([0, 0, 0]);
  expect(m.runningVar!.toArray()).toEqual([1, 1, 1]);
  expect(m.numBatchesTracked!.item()).toBe(1);
  y.sum().backward();
  expect(x.grad!.shape).toEqual([0, 3, 2, 2]);
});
