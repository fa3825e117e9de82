/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * torch.compile(model, { backend: 'onnxruntime' }): the model's outputs computed by
 * onnxruntime-node on its exported graph, re-exported when its weights change; forward() says to
 * use forwardAsync.
 */
import * as torch from 'cresset';

const maxDiff = (a: torch.Tensor, b: torch.Tensor) => a.sub(b).abs().max().item() as number;

test('gives the model outputs, follows a weight update, and forward() points to forwardAsync', async () => {
  torch.manualSeed(0);
  const model = new torch.models.LeNet().eval();
  const viaOrt = torch.compile(model, { backend: 'onnxruntime' });
  const x = torch.randn(5, 3, 32, 32);
  try {
    const mine = torch.noGrad(() => model.forward(x));
    const theirs = (await viaOrt.forwardAsync(x)) as torch.Tensor;
    expect(theirs.shape).toEqual([5, 10]);
    expect(maxDiff(theirs, mine)).toBeLessThan(1e-5);
    expect(maxDiff(mine, torch.zeros(5, 10))).toBeGreaterThan(1e-3); // not degenerate
    torch.noGrad(() => model.fc3.bias!.add_(1));
    const after = (await viaOrt.forwardAsync(x)) as torch.Tensor;
    expect(maxDiff(after, theirs.add(1))).toBeLessThan(1e-5);
    expect(() => viaOrt.forward()).toThrow(torch.CompileError);
    expect(() => viaOrt.forward()).toThrow(/forwardAsync/);
  } finally {
    await viaOrt.release();
  }
});
