/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * The tensor-level ops of the list, each traced inside a small model's forward: exported at opsets
 * 11, 13 and 17 the file passes onnx.checker, onnxruntime-node agrees with cresset within 1e-5 (also at
 * another batch size when the batch dim is dynamic), and torch.onnx.load gives cresset's output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { readModel } from '@cresset/onnx';
import { checkModels } from './onnx_checker';

const { nn } = torch;
const F = nn.functional;
type T = torch.Tensor;

/** A model whose forward is `fn`, with one weight w of `wShape`. */
class FnModel extends nn.Module {
  w: torch.nn.Parameter;
  constructor(private fn: (x: T, w: T, ...rest: T[]) => T, wShape: number[]) {
    super();
    this.w = new nn.Parameter(torch.randn(wShape));
  }
  forward(...xs: T[]): T {
    return this.fn(xs[0], this.w, ...xs.slice(1));
  }
}

/** name, forward, weight shape, input shapes, the ONNX ops the graph must hold. */
const OPS: [string, (x: T, w: T, ...r: T[]) => T, number[], number[][], string[]][] = [
  ['add_sub_alpha', (x, w) => x.add(w, { alpha: 2 }).sub(w, { alpha: 0.5 }).add(1), [4], [[3, 4]], ['Add', 'Sub', 'Mul']],
  ['mul_div_scalar_and_tensor', (x, w) => x.mul(w).div(2).mul(3).div(w.mul(w).add(1)), [4], [[3, 4]], ['Mul', 'Div']],
  ['two_inputs_broadcast', (x, w, y) => x.sub(y).mul(w), [1, 4], [[3, 4], [3, 1]], ['Sub', 'Mul']],
  ['matmul_batched', (x, w) => x.matmul(w), [4, 5], [[2, 3, 4]], ['MatMul']],
  ['linear_3d_input', (x, w) => F.linear(x, w), [5, 4], [[2, 3, 4]], ['MatMul', 'Transpose']],
  ['transpose_permute_t', (x, w) => x.transpose(1, 2).permute(0, 2, 1).mul(w).flatten(1).t(), [4], [[3, 2, 4]], ['Transpose']],
  ['cat_negative_dim', (x, w) => torch.cat([x, x.mul(w), x], -1), [4], [[3, 4]], ['Concat']],
  ['view_minus_one', (x, w) => x.mul(w).view(-1, 8).reshape(x.shape[0], 2, 4), [4], [[6, 2, 4]], ['Reshape']],
  ['unsqueeze_squeeze', (x, w) => x.unsqueeze(1).squeeze(1).add(w), [4], [[3, 4]], ['Add']],
  ['flatten_from_1', (x, w) => x.mul(w).flatten(1), [5], [[2, 3, 4, 5]], ['Flatten']],
  ['pad_constant', (x, w) => F.pad(x.add(w), [1, 2, 0, 1], 'constant', 0.5), [5], [[2, 3, 4, 5]], ['Pad']],
  ['pad_reflect', (x, w) => F.pad(x.add(w), [2, 1, 1, 0], 'reflect'), [5], [[2, 3, 4, 5]], ['Pad']],
  ['pad_replicate', (x, w) => F.pad(x.add(w), [1, 1, 2, 0], 'replicate'), [5], [[2, 3, 4, 5]], ['Pad']],
  ['activations', (x, w) => F.leakyRelu(x.mul(w), 0.2).sigmoid().add(x.tanh()).relu(), [4], [[3, 4]], ['LeakyRelu', 'Sigmoid', 'Tanh', 'Relu']],
  ['softmax_log_softmax', (x, w) => F.softmax(x.mul(w), 1).add(F.logSoftmax(x, -1)), [4], [[3, 2, 4]], ['Softmax', 'LogSoftmax']],
  ['clone', (x, w) => x.mul(w).clone(), [4], [[3, 4]], ['Identity']],
  ['global_avg_pool', (x, w) => F.adaptiveAvgPool2d(x.mul(w), 1), [5], [[2, 3, 4, 5]], ['GlobalAveragePool']],
  ['sum_keepdim', (x, w) => x.mul(w).sum(1, true).add(x.sum(-1)), [4], [[3, 4]], ['ReduceSum']],
  ['in_place_relu_add', (x, w) => { const y = x.mul(w); y.relu_(); y.add_(x); return y.mul_(2); }, [4], [[3, 4]], ['Relu', 'Add', 'Mul']],
  ['in_place_activation_module', (x, w) => new nn.ReLU6({ inplace: true }).forward(x.mul(w)).add(new nn.ReLU({ inplace: true }).forward(x.sub(w))), [4], [[3, 4]], ['Clip', 'Relu']],
  ['in_place_on_views', (x, w) => { const y = x.mul(w); y.narrow(1, 0, 2).relu_(); y.narrow(1, 2, 2).mul_(3); return y.add(1); }, [4], [[3, 4]], ['ScatterND', 'Relu']],
  ['copy_into_part', (x, w) => { const y = x.mul(2); y.narrow(0, 1, 1).copy_(w); return y.sub(x); }, [4], [[3, 4]], ['ScatterND', 'Expand']],
  ['copy_into', (x, w) => { const y = x.mul(2); y.copy_(w); return y.add(x); }, [4], [[3, 4]], ['Expand', 'Add']],
  ['type_promotion', (x, w) => x.mul(w).add(torch.arange(4)).div(torch.tensor([1, 2, 3, 4], { dtype: 'int64' })), [4], [[3, 4]], ['Cast', 'Add', 'Div']],
  ['cast', (x, w) => x.mul(w).mul(3).to('int64').to('float32').add(x), [4], [[3, 4]], ['Cast']],
  ['expand', (x, w) => w.expand(3, 4).mul(x), [1, 4], [[3, 4]], ['Expand']],
  ['roll', (x, w) => x.mul(w).roll([1, -3], [1, -1]).add(x.roll(5)), [4], [[3, 2, 4]], ['Slice', 'Concat']],
  ['select', (x, w) => x.mul(w).select(1, 1).add(x.index(':', -1)), [4], [[3, 2, 4]], ['Gather']],
  ['norms', (x, w) => x.mul(w).norm(2, 1, true).add(x.norm(1, -1, true)).add(x.norm(Infinity, 1, true)).add(x.norm(3, 1, true)).mul(x), [4], [[3, 4]], ['Sqrt', 'ReduceSum', 'ReduceMax', 'Pow']],
  ['clamp', (x, w) => x.mul(w).clamp(-0.5, 0.5).add(x.clamp(0)).add(x.clamp(null, 0.25)), [4], [[3, 4]], ['Max', 'Min']],
  ['index_integer_tensor', (x, w) => w.index(torch.tensor([[2, 0, 1], [-1, 2, 2]], { dtype: 'int64' })).sum(0).add(x), [3, 4], [[3, 4]], ['Gather']],
  ['functional_batch_norm', (x, w) => F.batchNorm(x, torch.tensor([0.5, -1, 2]), torch.tensor([1, 2, 0.5]), w, w.mul(0.5), { eps: 1e-3 }), [3], [[2, 3, 4]], ['BatchNormalization']],
  ['functional_batch_norm_batch_stats', (x, w) => F.batchNorm(x, null, null, w, null, { training: true }), [3], [[4, 3, 2]], ['ReduceMean', 'Sqrt', 'Div']],
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-ops-'));
const exported: string[] = [];

describe.each(OPS)('%s', (name, fn, wShape, inShapes, onnxOps) => {
  test.each([11, 13, 17])('opset %i', async (opset) => {
    torch.manualSeed(3);
    const m = new FnModel(fn, wShape);
    const xs = inShapes.map((s) => torch.randn(s));
    const file = path.join(dir, `${name}_${opset}.onnx`);
    const inputNames = xs.map((_, i) => `x${i}`);
    torch.onnx.export(m, xs, file, { opsetVersion: opset, inputNames, dynamicAxes: { x0: { 0: 'n' } } });
    exported.push(file);
    const ops = new Set(readModel(file).graph!.node!.map((n) => n.opType));
    expect(onnxOps.filter((o) => !ops.has(o))).toEqual([]);
    expect((await torch.onnx.verify(m, file, xs)).passed).toBe(true);
    const want = m.forward(...xs);
    const got = torch.onnx.load(file).forward(...xs) as T;
    expect(got.sub(want).abs().max().item()).toBeLessThan(1e-5);
  });
});

test('the batch dim stays dynamic through Reshape and Flatten', async () => {
  torch.manualSeed(4);
  const m = new FnModel((x, w) => x.mul(w).view(-1, 8).reshape(x.shape[0], 2, 4).flatten(1), [4]);
  const file = path.join(dir, 'dynamic.onnx');
  torch.onnx.export(m, torch.randn(6, 2, 4), file, { dynamicAxes: { input: [0] } });
  expect(readModel(file).graph!.input![0].type!.tensorType!.shape!.dim![0].dimParam).toBe('input_dynamic_axes_1');
  expect((await torch.onnx.verify(m, file, torch.randn(9, 2, 4))).passed).toBe(true);
});

afterAll(() => {
  expect(checkModels(exported)).toBe('');
  fs.rmSync(dir, { recursive: true, force: true });
});
