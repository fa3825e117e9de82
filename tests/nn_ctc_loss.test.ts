/**
 * CTCLoss beyond the case table (scripts/fixtures/nn_loss.py holds its values and gradients):
 * PyTorch 1.13's errors, and an unalignable target's infinite loss without zeroInfinity.
 */
import * as torch from 'cresset';

const F = torch.nn.functional;
const lp = () => torch.randn(4, 2, 3).logSoftmax(2);
const targets = () => torch.tensor([[1, 2], [1, 1]], { dtype: 'int64' });

test.each([
  [() => F.ctcLoss(lp(), targets(), [4, 5], [2, 2]), 'Expected input_lengths to have value at most 4, but got value 5 (while checking arguments for ctc_loss_cpu)'],
  [() => F.ctcLoss(lp(), targets(), [4, 4], [2, 3]), "Expected tensor to have size at least 3 at dimension 1, but got size 2 for argument #2 'targets' (while checking arguments for ctc_loss_cpu)"],
  [() => F.ctcLoss(lp(), targets(), [4, 4], [2, 2], { blank: 3 }), 'blank must be in label range'],
  [() => F.ctcLoss(lp(), targets(), [4], [2, 2]), 'input_lengths must be of size batch_size'],
])('error %#', (run, message) => {
  expect(run).toThrow(message);
});

test('a target longer than its frames allow has an infinite loss, 0 with zeroInfinity', () => {
  torch.manualSeed(0);
  const x = lp();
  const t = torch.tensor([[1, 1, 1], [1, 1, 0]], { dtype: 'int64' });
  const none = F.ctcLoss(x, t, [3, 4], [3, 2], { reduction: 'none' });
  expect(none.select(0, 0).item()).toBe(Infinity);
  expect(Number.isFinite(none.select(0, 1).item())).toBe(true);
  const zeroed = F.ctcLoss(x, t, [3, 4], [3, 2], { reduction: 'none', zeroInfinity: true });
  expect(zeroed.select(0, 0).item()).toBe(0);
  expect(zeroed.select(0, 1).item()).toBe(none.select(0, 1).item());
});

test('CTCLoss prints as PyTorch and takes its positional arguments', () => {
  const m = new torch.nn.CTCLoss(2, 'sum', true);
  expect(String(m)).toBe('CTCLoss()');
  expect([m.blank, m.reduction, m.zeroInfinity]).toEqual([2, 'sum', true]);
});
