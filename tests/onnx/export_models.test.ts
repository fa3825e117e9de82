/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * Whole models through torch.onnx: LeNet (random, and after SGD steps) and a model with BatchNorm
 * and Dropout in eval mode export with a dynamic batch, pass onnx.checker, agree with
 * onnxruntime-node within 1e-5, and come back through torch.onnx.load / loadInitializers with the
 * same outputs and gradients.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';
import { readModel, UnsupportedOperatorError } from '@cresset/onnx';
import { checkModels } from './onnx_checker';

const { nn, optim } = torch;
const F = nn.functional;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-onnx-models-'));
const file = (name: string) => path.join(dir, name);
const maxDiff = (a: torch.Tensor, b: torch.Tensor) => a.sub(b).abs().max().item() as number;

/** A few SGD steps on seeded random data, so the weights are no longer the initial ones. */
function train(model: torch.nn.Module, inShape: number[], steps = 3): void {
  const opt = new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  model.train();
  for (let s = 0; s < steps; s++) {
    const x = torch.randn(inShape);
    const y = torch.randint(0, 10, [inShape[0]]);
    opt.zeroGrad();
    F.crossEntropy(model.forward(x) as torch.Tensor, y).backward();
    opt.step();
  }
}

class BnDropNet extends nn.Module {
  features = new nn.Sequential(new nn.Conv2d(3, 8, 3, { padding: 1 }), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.Dropout(0.3), new nn.MaxPool2d(2));
  head = new nn.Sequential(new nn.Flatten(), new nn.Linear(8 * 4 * 4, 16), new nn.BatchNorm1d(16), new nn.Dropout(0.5), new nn.Linear(16, 10));
  forward(x: torch.Tensor): torch.Tensor {
    return this.head.forward(this.features.forward(x));
  }
}

/** torchvision's BasicBlock as torchvision writes it: ReLU(inplace=True) and out += identity. */
class BasicBlock extends nn.Module {
  conv1 = new nn.Conv2d(8, 8, 3, { padding: 1, bias: false });
  bn1 = new nn.BatchNorm2d(8);
  relu = new nn.ReLU({ inplace: true });
  conv2 = new nn.Conv2d(8, 8, 3, { padding: 1, bias: false });
  bn2 = new nn.BatchNorm2d(8);
  forward(x: torch.Tensor): torch.Tensor {
    const out = this.bn2.forward(this.conv2.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)))));
    out.add_(x);
    return this.relu.forward(out);
  }
}

class ResBlockNet extends nn.Module {
  stem = new nn.Sequential(new nn.Conv2d(3, 8, 3, { padding: 1 }), new nn.ReLU({ inplace: true }));
  block = new BasicBlock();
  head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(8, 10));
  forward(x: torch.Tensor): torch.Tensor {
    return this.head.forward(this.block.forward(this.stem.forward(x)));
  }
}

const models: [string, () => torch.nn.Module, number[]][] = [
  ['lenet_random', () => new torch.models.LeNet(), [4, 3, 32, 32]],
  ['lenet_trained', () => { const m = new torch.models.LeNet(); train(m, [8, 3, 32, 32]); return m; }, [4, 3, 32, 32]],
  ['lenet_mnist_trained', () => { const m = new torch.models.LeNet({ inChannels: 1, padding: 2 }); train(m, [8, 1, 28, 28]); return m; }, [4, 1, 28, 28]],
  ['bn_dropout_trained', () => { const m = new BnDropNet(); train(m, [8, 3, 8, 8], 4); return m; }, [4, 3, 8, 8]],
  ['bn_resblock_inplace_trained', () => { const m = new ResBlockNet(); train(m, [8, 3, 8, 8], 4); return m; }, [4, 3, 8, 8]],
];

describe.each(models)('%s', (name, make, inShape) => {
  torch.manualSeed(7);
  const model = make();
  const x = torch.randn(inShape);
  const path_ = file(`${name}.onnx`);

  test('exports with a dynamic batch and matches onnxruntime within 1e-5 at two batch sizes', async () => {
    torch.onnx.export(model, x, path_, { inputNames: ['input'], outputNames: ['logits'], dynamicAxes: { input: { 0: 'batch' }, logits: { 0: 'batch' } } });
    expect(model.training).toBe(true); // export runs in eval mode and restores the mode
    for (const batch of [x, torch.randn([7, ...inShape.slice(1)])]) {
      const report = await torch.onnx.verify(model, path_, batch, { rtol: 1e-5, atol: 1e-5 });
      expect(report.passed).toBe(true);
      expect(report.outputs).toHaveLength(1);
      expect(report.outputs[0].name).toBe('logits');
      expect(report.outputs[0].maxAbsDiff).toBeLessThan(1e-5);
    }
    const g = readModel(path_).graph!;
    expect(g.input![0].type!.tensorType!.shape!.dim![0].dimParam).toBe('batch');
    expect(g.output![0].type!.tensorType!.shape!.dim![0].dimParam).toBe('batch');
    // weights are initializers named by their state-dict keys; eval-mode dropout leaves no node
    const sd = Object.keys(model.stateDict()).filter((k) => !k.endsWith('num_batches_tracked'));
    expect(g.initializer!.map((t) => t.name).sort()).toEqual(sd.sort());
    expect(g.node!.some((n) => n.opType === 'Dropout')).toBe(false);
    if (name.startsWith('bn')) expect(g.node!.filter((n) => n.opType === 'BatchNormalization')).toHaveLength(2);
  });

  test('torch.onnx.load runs it with cresset\'s outputs and gradients', () => {
    const imported = torch.onnx.load(path_);
    expect(Object.keys(imported.stateDict()).sort()).toEqual(readModel(path_).graph!.initializer!.map((t) => t.name!).sort());
    model.eval();
    imported.eval();
    const want = model.forward(x) as torch.Tensor;
    const got = imported.forward(x) as torch.Tensor;
    expect(maxDiff(got, want)).toBeLessThan(1e-5);
    // the imported graph is trainable: the same loss gives the same weight gradients
    const y = torch.tensor([1, 2, 3, 4], { dtype: 'int64' });
    model.zeroGrad();
    F.crossEntropy(want, y).backward();
    F.crossEntropy(got, y).backward();
    const params = new Map(imported.namedParameters());
    for (const [k, p] of model.namedParameters()) {
      expect([k, maxDiff(params.get(k)!.grad!, p.grad!) < 1e-5]).toEqual([k, true]);
    }
    model.train();
  });

  test('loadInitializers gives a state dict a fresh model loads', () => {
    torch.manualSeed(99);
    const fresh = make();
    fresh.loadStateDict(torch.onnx.loadInitializers(path_), { strict: false });
    fresh.eval();
    model.eval();
    expect(maxDiff(fresh.forward(x) as torch.Tensor, model.forward(x) as torch.Tensor)).toBeLessThan(1e-6);
    model.train();
  });
});

test('every exported model passes onnx.checker.check_model(full_check=True)', () => {
  const files = models.map(([name]) => file(`${name}.onnx`));
  expect(files.every((f) => fs.existsSync(f))).toBe(true);
  expect(checkModels(files)).toBe('');
});

describe('a LeNet exported by PyTorch 1.13', () => {
  const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'onnx_lenet.json'), 'utf8'));
  const onnxFile = path.join(__dirname, '..', 'fixtures', fx.onnx_file);
  const x = torch.tensor(fx.input.values).reshape(fx.input.shape);
  const want = torch.tensor(fx.output.values).reshape(fx.output.shape);

  test('imports and gives PyTorch\'s outputs', () => {
    const m = torch.onnx.load(onnxFile);
    expect(m.inputNames).toEqual(['input']);
    expect(m.outputNames).toEqual(['logits']);
    const y = torch.noGrad(() => m.forward(x)) as torch.Tensor;
    expect(y.shape).toEqual(fx.output.shape);
    expect(maxDiff(y, want)).toBeLessThan(1e-5);
  });

  test('its initializers load into torch.models.LeNet, which then gives PyTorch\'s outputs', () => {
    const lenet = new torch.models.LeNet();
    const sd = torch.onnx.loadInitializers(onnxFile);
    expect(Object.keys(sd)).toEqual(fx.state_dict_keys);
    lenet.loadStateDict(sd);
    expect(maxDiff(torch.noGrad(() => lenet.forward(x)), want)).toBeLessThan(1e-5);
  });

  test('cresset\'s export of that LeNet runs in onnxruntime with PyTorch\'s outputs', async () => {
    const lenet = new torch.models.LeNet();
    lenet.loadStateDict(torch.onnx.loadInitializers(onnxFile));
    torch.onnx.export(lenet, x, file('from_pytorch.onnx'), { opsetVersion: 13, docString: 'LeNet of the seed' });
    const report = await torch.onnx.verify(lenet, file('from_pytorch.onnx'), x);
    expect(report.passed).toBe(true);
    const model = readModel(file('from_pytorch.onnx'));
    expect([model.irVersion, model.opsetImport, model.docString]).toEqual([7, [{ domain: '', version: 13 }], 'LeNet of the seed']);
    expect(maxDiff(torch.onnx.load(file('from_pytorch.onnx')).forward(x) as torch.Tensor, want)).toBeLessThan(1e-5);
  });
});

test('a BatchNorm/Dropout net exported by PyTorch 1.13 in eval mode imports with PyTorch\'s outputs', () => {
  const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'onnx_bn_net.json'), 'utf8'));
  const m = torch.onnx.load(path.join(__dirname, '..', 'fixtures', fx.onnx_file));
  // BatchNormalization's statistics are buffers, the other weights parameters
  expect(m.namedBuffers().map(([k]) => k)).toEqual(['6.running_mean', '6.running_var']);
  expect(m.namedParameters().map(([k]) => k)).toContain('6.weight');
  const x = torch.tensor(fx.input.values).reshape(fx.input.shape);
  const y = torch.noGrad(() => m.forward(x)) as torch.Tensor;
  expect(maxDiff(y, torch.tensor(fx.output.values).reshape(fx.output.shape))).toBeLessThan(1e-5);
});

describe('export errors', () => {
  test('an op without an ONNX mapping names the op and the module path', () => {
    class Sine extends nn.Module {
      forward(x: torch.Tensor) { return x.sin(); }
    }
    const m = new nn.Sequential(new nn.Linear(4, 4), new nn.Sequential(new nn.ReLU(), new Sine()));
    expect(() => torch.onnx.export(m, torch.randn(2, 4), file('sin.onnx'))).toThrow(UnsupportedOperatorError);
    expect(() => torch.onnx.export(m, torch.randn(2, 4), file('sin.onnx'))).toThrow("the pointwise op 'sin' (op SinBackward0 in module '1.1' (Sine))");
    expect(fs.existsSync(file('sin.onnx'))).toBe(false);
  });

  test('an op with no converter at all is named with its autograd op', () => {
    class Flipper extends nn.Module {
      forward(x: torch.Tensor) { return x.flip(1); }
    }
    expect(() => torch.onnx.export(new Flipper(), torch.randn(2, 3), file('flip.onnx'))).toThrow("no ONNX mapping for the op FlipBackward0 in the model's own forward (Flipper) (autograd op Flip)");
  });

  test('opsetVersion outside 11..17 and dynamicAxes of unknown values are refused', () => {
    const m = new nn.Linear(3, 2);
    expect(() => torch.onnx.export(m, torch.randn(1, 3), file('x.onnx'), { opsetVersion: 10 })).toThrow('opsetVersion 10 is not supported; expected 11 to 17');
    expect(() => torch.onnx.export(m, torch.randn(1, 3), file('x.onnx'), { dynamicAxes: { inp: [0] } })).toThrow("dynamicAxes names 'inp', which is neither an input (input) nor an output (output)");
    expect(() => torch.onnx.export(m, torch.randn(1, 3), file('x.onnx'), { dynamicAxes: { input: [2] } })).toThrow("dynamicAxes['input'] names axis 2, but 'input' has shape [1, 3]");
  });

  test('a view read after an in-place op on its base is refused rather than recorded wrongly', () => {
    class InPlace extends nn.Module {
      lin = new nn.Linear(3, 3);
      forward(x: torch.Tensor) {
        const y = this.lin.forward(x);
        const flat = y.view(-1);
        y.relu_();
        return flat.add(1);
      }
    }
    expect(() => torch.onnx.export(new InPlace(), torch.randn(2, 3), file('inplace.onnx'))).toThrow("AddBackward0 in the model's own forward (InPlace): the value '/Reshape_output_0' was changed in place after it was computed");
  });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
