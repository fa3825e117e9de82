/** transforms: ToTensor, Normalize by hand-computed values; RandomCrop + RandomHorizontalFlip draw as torchvision does (fixture). */
import * as fs from 'fs';
import * as path from 'path';
import { arange, tensor } from '@cresset/autograd';
import { manualSeed } from '@cresset/tensor';
import { transforms } from '@cresset/data';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../tests/fixtures/data_loader.json'), 'utf8')).cropFlip;

test('RandomCrop(padding) then RandomHorizontalFlip after manualSeed give the crops torchvision gives', () => {
  manualSeed(fx.seed);
  const img = arange(2 * 6 * 7).to('float32').reshape(fx.shape);
  const t = new transforms.Compose([new transforms.RandomCrop(fx.size as [number, number], { padding: fx.padding }), new transforms.RandomHorizontalFlip(fx.p)]);
  for (const c of fx.crops) {
    const out = t.forward(img) as ReturnType<typeof tensor>;
    expect(out.shape).toEqual([2, ...fx.size]);
    expect(Array.from(out.contiguous().array.values())).toEqual(c.values);
  }
});

test('ToTensor: HWC uint8 becomes CHW float32 in [0, 1]', () => {
  const hwc = tensor([[[0, 255], [51, 102]]], { dtype: 'uint8' }); // H=1, W=2, C=2
  const chw = new transforms.ToTensor().forward(hwc);
  expect(chw.dtype).toBe('float32');
  expect(chw.shape).toEqual([2, 1, 2]);
  expect(chw.toArray()).toEqual([[[0, 0.2]], [[1, 0.4]]].map((c) => c.map((r) => r.map(Math.fround))));
});

test('Normalize subtracts the mean and divides by the std per channel', () => {
  const x = tensor([[[0.5, 1]], [[0, 0.25]]]);
  const y = new transforms.Normalize([0.5, 0.25], [0.5, 0.25]).forward(x);
  expect(y.toArray()).toEqual([[[0, 1]], [[-1, 0]]]);
  expect(String(new transforms.Normalize([0.5, 0.25], [0.5, 0.25]))).toBe('Normalize(mean=[0.5, 0.25], std=[0.5, 0.25])');
});

test.each([
  ['Normalize with a zero std', () => new transforms.Normalize([0], [0]), 'std evaluated to zero'],
  ['Normalize of a 2-d tensor', () => new transforms.Normalize([0], [1]).forward(tensor([[1]])), 'Normalize: expected a tensor image of size (C, H, W), got [1, 1]'],
  ['RandomCrop larger than the image', () => new transforms.RandomCrop(5).forward(arange(9).to('float32').reshape([1, 3, 3])), 'Required crop size (5, 5) is larger than input image size (3, 3)'],
])('%s is refused', (_n, f, msg) => {
  expect(f).toThrow(msg);
});
