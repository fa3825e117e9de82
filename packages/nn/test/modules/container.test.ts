/**
 * Containers typed by the modules they hold (checked by tsc over the tests: a wrong type here
 * fails the build), and their behaviour as PyTorch's: Sequential chains forward, indexing from the
 * end, ModuleList iteration in order, ModuleDict iterating its keys.
 */
import { randn, tensor, Tensor } from '@cresset/autograd';
import * as nn from '../../src';

const x = () => tensor([[[-1, 2], [3, -4]]]);

test('Sequential.forward is typed by its first input and last output, and runs the modules in order', () => {
  const seq = new nn.Sequential(new nn.Flatten(), new nn.ReLU());
  const y: Tensor = seq.forward(x());
  expect(y.toArray()).toEqual([[0, 2, 3, 0]]);
  // @ts-expect-error Flatten takes a Tensor
  expect(() => seq.forward('x')).toThrow();
  const conv: Tensor = new nn.Sequential(new nn.Conv2d(3, 6, 5), new nn.ReLU()).forward(randn(1, 3, 8, 8));
  expect(conv.shape).toEqual([1, 6, 4, 4]);
  expect(conv.min().item()).toBeGreaterThanOrEqual(0);
});

test('a Sequential ending in MaxPool2d with returnIndices is typed [values, indices]', () => {
  const seq = new nn.Sequential(new nn.ReLU(), new nn.MaxPool2d(2, { returnIndices: true }));
  const [values, indices] = seq.forward(tensor([[[[1, -5], [-2, -3]]]]));
  expect([values.toArray(), indices.toArray()]).toEqual([[[[[1]]]], [[[[0]]]]]);
});

test('Sequential.append types the new last module; at() counts from the end when negative', () => {
  const relu = new nn.ReLU();
  const seq = new nn.Sequential(new nn.Identity()).append(new nn.Flatten()).append(relu);
  const y: Tensor = seq.forward(x());
  expect(y.toArray()).toEqual([[0, 2, 3, 0]]);
  expect(seq.length).toBe(3);
  expect(seq.at(-1)).toBe(relu);
  expect(seq.namedChildren().map(([k]) => k)).toEqual(['0', '1', '2']);
  expect(() => seq.at(3)).toThrow('index 3 is out of range for Sequential of length 3');
});

test('a Sequential from named modules keeps the names; its output type is unknown', () => {
  const seq = new nn.Sequential({ flat: new nn.Flatten(), act: new nn.ReLU() });
  expect(seq.namedChildren().map(([k]) => k)).toEqual(['flat', 'act']);
  const y = seq.forward(x());
  expect(y instanceof Tensor && y.toArray()).toEqual([[0, 2, 3, 0]]);
});

test('ModuleList iterates its modules in order, typed as the modules it holds', () => {
  const list = new nn.ModuleList([new nn.Linear(2, 3), new nn.Linear(3, 1)]);
  const outFeatures: number[] = [];
  for (const layer of list) outFeatures.push(layer.outFeatures);
  expect(outFeatures).toEqual([3, 1]);
  expect(list.at(-1).inFeatures).toBe(3);
  expect(() => list.at(-3)).toThrow('index -3 is out of range for ModuleList of length 2');
  expect(() => list.forward()).toThrow('ModuleList is not callable');
});

test('ModuleDict iterates its keys, as PyTorch; values and items are typed', () => {
  const dict = new nn.ModuleDict({ a: new nn.Linear(2, 3), b: new nn.Linear(4, 5) });
  expect([...dict]).toEqual(['a', 'b']);
  expect(dict.keys()).toEqual(['a', 'b']);
  expect(dict.values().map((m) => m.outFeatures)).toEqual([3, 5]);
  expect(dict.items().map(([k, m]) => [k, m.inFeatures])).toEqual([['a', 2], ['b', 4]]);
  expect(dict.get('b')?.outFeatures).toBe(5);
  expect(dict.get('c')).toBeUndefined();
});
