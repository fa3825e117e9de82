/**
 * torchvision 0.14's classification architectures exported by PyTorch 1.13 (scripts/fixtures/onnx_torchvision.py:
 * random seeded weights, opset 13 with static shapes and opsets 11 and 17 with a dynamic batch) import and give PyTorch's
 * outputs; backward through the imported resnet18 and mobilenet_v2 gives PyTorch's input gradient.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';

interface Flat { shape: number[]; values: number[] }
interface ModelCase { builder: string; parameters: number; files: Record<string, string>; input: Flat; output: Flat; grad_weight?: Flat; input_grad?: Flat }

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const fx = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'onnx_torchvision.json'), 'utf8')) as { models: Record<string, ModelCase> };
const tensorOf = (f: Flat) => torch.tensor(f.values).reshape(f.shape);

/** The largest |got - want| relative to the largest |want|. */
function relError(got: torch.Tensor, want: torch.Tensor): number {
  expect(got.shape).toEqual(want.shape);
  const g = got.array.contiguous().values();
  const w = want.array.contiguous().values();
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < w.length; i++) {
    diff = Math.max(diff, Math.abs(g[i] - w[i]));
    scale = Math.max(scale, Math.abs(w[i]));
  }
  return diff / scale;
}

const cases = Object.entries(fx.models).flatMap(([name, c]) => Object.entries(c.files).map(([opset, file]) => [name, Number(opset), file, c] as const));

test('the fixture holds the twelve architectures at opsets 11, 13 and 17', () => {
  expect(cases.length).toBe(36);
});

test.each(cases)('%s at opset %d (%s) imports and gives PyTorch\'s outputs', (name, opset, file, c) => {
  const m = torch.onnx.load(path.join(FIXTURES, 'onnx_torchvision', file));
  expect(m.opset).toBe(opset);
  expect(m.parameters().reduce((n, p) => n + p.numel(), 0)).toBeGreaterThan(0);
  const y = torch.noGrad(() => m.forward(tensorOf(c.input))) as torch.Tensor;
  expect(relError(y, tensorOf(c.output))).toBeLessThan(1e-5);
});

test.each([['shufflenet_v2_x0_5', '11'], ['shufflenet_v2_x0_5', '17'], ['mobilenet_v2', '17']])('%s at opset %s takes other batch sizes (its batch axis is dynamic)', (name, opset) => {
  const c = fx.models[name];
  const m = torch.onnx.load(path.join(FIXTURES, 'onnx_torchvision', c.files[opset]));
  const x = tensorOf(c.input);
  const want = tensorOf(c.output);
  const one = torch.noGrad(() => m.forward(x.narrow(0, 1, 1))) as torch.Tensor;
  expect(relError(one, want.narrow(0, 1, 1))).toBeLessThan(1e-5);
  const three = torch.noGrad(() => m.forward(torch.cat([x, x.narrow(0, 0, 1)], 0))) as torch.Tensor;
  expect(relError(three, torch.cat([want, want.narrow(0, 0, 1)], 0))).toBeLessThan(1e-5);
});

test('shufflenet\'s shape arithmetic is folded when its shapes are static and computed at each forward when not', () => {
  // its channel shuffle reads its dims through Shape -> Gather -> (Div, Cast) -> Unsqueeze -> Concat -> Reshape
  const c = fx.models.shufflenet_v2_x0_5;
  const x = tensorOf(c.input);
  const want = tensorOf(c.output);
  const fixed = torch.onnx.load(path.join(FIXTURES, 'onnx_torchvision', c.files['13']));
  const dynamic = torch.onnx.load(path.join(FIXTURES, 'onnx_torchvision', c.files['17']));
  // opset 13 runs only its 56 Conv, 37 Relu, MaxPool, 16 Concat, 32 Reshape, 16 Transpose, 26 Slice, ReduceMean and Gemm;
  // its 110 Constant and the 13 Shape, 13 Gather, 13 Add, 13 Div, 26 Mul that size the Slices and Reshapes are folded.
  // Opset 17 folds only its 302 Constant: its Shape chains read the batch size.
  expect([fixed.nodesPerForward, dynamic.nodesPerForward]).toEqual([186, 886 - 302]);
  for (let k = 0; k < 2; k++) {
    expect(relError(torch.noGrad(() => fixed.forward(x)) as torch.Tensor, want)).toBeLessThan(1e-5);
    expect(relError(torch.noGrad(() => dynamic.forward(x)) as torch.Tensor, want)).toBeLessThan(1e-5);
  }
  expect(() => fixed.forward(x.narrow(0, 0, 1))).toThrow("input 0 ('input') expects shape [2, 3, 32, 32], got [1, 3, 32, 32]");
});

test.each(['resnet18', 'mobilenet_v2'])('backward through the imported %s gives PyTorch\'s input gradient', (name) => {
  const c = fx.models[name];
  for (const file of Object.values(c.files)) {
    const m = torch.onnx.load(path.join(FIXTURES, 'onnx_torchvision', file));
    const x = tensorOf(c.input).requiresGrad_();
    (m.forward(x) as torch.Tensor).mul(tensorOf(c.grad_weight!)).sum().backward();
    expect(relError(x.grad!, tensorOf(c.input_grad!))).toBeLessThan(1e-5);
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
  }
});
