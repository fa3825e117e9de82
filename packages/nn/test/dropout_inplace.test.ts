/**
 * Dropout in place on the output of an op whose backward kept that output (Hardswish in place, as
 * MobileNet V3's classifier chains them): backward runs, and each input's gradient is the kept
 * elements' 3 * hardswish'(3x) / (1 - p), zero where dropped.
 */
import { manualSeed } from '@cresset/tensor';
import { tensor } from '@cresset/autograd';
import * as nn from '../src';

const F = nn.functional;

test('hardswish_(3x) then dropout(inplace) backpropagates through both', () => {
  manualSeed(0);
  const x = tensor([[-0.9, -0.4, -0.5, 0.2], [0.5, 0.7, 0.8, 1.5]], { requiresGrad: true });
  const h = F.hardswish(x.mul(3), true);
  const y = F.dropout(h, 0.5, true, true);
  expect(y).toBe(h);
  y.sum().backward();
  const xs = x.detach().reshape([-1]).toArray() as number[];
  const ys = y.detach().reshape([-1]).toArray() as number[];
  const g = x.grad!.reshape([-1]).toArray() as number[];
  const dHardswish = (v: number) => (v < -3 ? 0 : v > 3 ? 1 : (2 * v + 3) / 6);
  xs.forEach((v, i) => {
    const kept = ys[i] !== 0;
    const expected = kept ? (3 * dHardswish(3 * v)) / 0.5 : 0;
    expect([i, g[i]]).toEqual([i, expect.closeTo(expected, 5)]);
  });
  expect(ys.filter((v) => v === 0).length).toBeGreaterThan(0);
});
