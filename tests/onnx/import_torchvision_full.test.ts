/**
 * The torchvision models whose PyTorch exports are too large to commit (alexnet, vgg11_bn,
 * googlenet, inception_v3 at full width, 10 classes): scripts/ci/export_torchvision_full.py exports
 * them with PyTorch 1.13 at opsets 13 and 17 when this test runs (CI installs python3-torch and
 * python3-torchvision), and each imports and gives PyTorch's outputs.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as torch from 'cresset';

interface Flat { shape: number[]; values: number[] }
interface Case { files: Record<string, string>; input: Flat; output: Flat }

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-torchvision-full-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let cases: Record<string, Case> = {};

beforeAll(() => {
  execFileSync('/usr/bin/python3', [path.join(__dirname, '..', '..', 'scripts', 'ci', 'export_torchvision_full.py'), dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
}, 600_000);

const tensorOf = (f: Flat) => torch.tensor(f.values).reshape(f.shape);

test.each([['alexnet'], ['vgg11_bn'], ['googlenet'], ['inception_v3']].flatMap(([n]) => [[n, 13], [n, 17]] as [string, number][]))('%s at opset %d imports and gives PyTorch\'s outputs', (name, opset) => {
  const c = cases[name];
  const m = torch.onnx.load(path.join(dir, c.files[String(opset)]));
  expect(m.opset).toBe(opset);
  const y = torch.noGrad(() => m.forward(tensorOf(c.input))) as torch.Tensor;
  const want = tensorOf(c.output);
  expect(y.shape).toEqual(want.shape);
  const err = (y.sub(want).abs().max().item() as number) / (want.abs().max().item() as number);
  expect([name, opset, err < 1e-5]).toEqual([name, opset, true]);
}, 300_000);
