/**
 * The in-place activations keep their gradients: the result is written into the input, and
 * backward goes through the activation's own formula (PyTorch's values for these inputs).
 */
import * as torch from 'cresset';

const { nn } = torch;

test.each([
  ['LeakyReLU', new nn.LeakyReLU(0.5, { inplace: true }), [0.5, 1, 0.5], [-0.5, 2, -1.5]],
  ['ELU', new nn.ELU(1.0, true), [Math.exp(-1), 1, Math.exp(-3)], [Math.expm1(-1), 2, Math.expm1(-3)]],
  ['Hardtanh', new nn.Hardtanh(-1.0, 1.0, true), [0, 0, 0], [-1, 1, -1]],
  ['SiLU', new nn.SiLU(true), null, null],
] as const)('%s in place writes into its input and backpropagates', (_n, m, grad, out) => {
  const leaf = torch.tensor([-1, 2, -3], { dtype: 'float64' }).requiresGrad_();
  const x = leaf.mul(1);
  const y = (m as torch.nn.Module).forward(x) as torch.Tensor;
  expect(y).toBe(x);
  y.sum().backward();
  if (grad && out) {
    expect(y.toArray()).toEqual(out.map((v) => expect.closeTo(v, 12)));
    expect(leaf.grad!.toArray()).toEqual(grad.map((v) => expect.closeTo(v, 12)));
  } else {
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    expect(leaf.grad!.toArray()).toEqual([-1, 2, -3].map((v) => expect.closeTo(s(v) * (1 + v * (1 - s(v))), 12)));
  }
});

test('CELU with alpha 0 fails as PyTorch does', () => {
  expect(() => new nn.CELU(0).forward(torch.ones([2]))).toThrow('alpha cannot be 0 for CELU');
});

test('GLU needs an even size along its dim', () => {
  expect(() => new nn.GLU(1).forward(torch.ones([2, 3]))).toThrow('Halving dimension must be even, but dimension 1 is size 3');
});

test('PReLU checks the channel count', () => {
  expect(() => new nn.PReLU(3).forward(torch.ones([2, 4]))).toThrow('Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 4.');
});
