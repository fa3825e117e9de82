/**
 * F.batchNorm is one autograd op, as PyTorch's native_batch_norm: its node is
 * NativeBatchNormBackward0 and its backward (batch statistics in training, running ones in eval,
 * with and without weight and bias) passes gradcheck in float64.
 */
import * as torch from 'cresset';

const F = torch.nn.functional;

test('F.batchNorm\'s output comes from a NativeBatchNormBackward0 node in both modes', () => {
  const x = torch.randn([4, 3, 2]).requiresGrad_();
  expect(F.batchNorm(x, null, null, null, null, { training: true }).gradFn!.name).toBe('NativeBatchNormBackward0');
  expect(F.batchNorm(x, torch.zeros([3]), torch.ones([3]), null, null).gradFn!.name).toBe('NativeBatchNormBackward0');
});

describe.each([
  ['training, affine', true, true],
  ['training, no weight or bias', true, false],
  ['eval, affine', false, true],
  ['eval, no weight or bias', false, false],
] as const)('%s', (_, training, affine) => {
  test('backward passes gradcheck', () => {
    torch.manualSeed(5);
    const opts = { dtype: 'float64' as const };
    const x = torch.randn([3, 2, 4], opts).mul(2).add(0.5).requiresGrad_();
    const w = torch.randn([2], opts).requiresGrad_();
    const b = torch.randn([2], opts).requiresGrad_();
    const mean = torch.tensor([0.3, -0.2], opts);
    const variance = torch.tensor([0.8, 1.7], opts);
    const inputs = affine ? [x, w, b] : [x];
    const fn = (...t: torch.Tensor[]) => F.batchNorm(t[0], training ? null : mean, training ? null : variance, affine ? t[1] : null, affine ? t[2] : null, { training, eps: 1e-3 });
    expect(torch.gradcheck(fn, inputs)).toBe(true);
  });
});
