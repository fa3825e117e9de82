/**
 * `cresset summary`: LeNet's per-layer output shapes, parameters, receptive fields and
 * multiply-adds, checked against the counts done by hand as the seeds do them:
 * conv1 3->6 5x5 on 32x32: 6*28*28 outputs x 3*5*5 = 352,800; conv2 6->16 5x5 on 14x14:
 * 16*10*10 x 6*5*5 = 240,000; fc 400*120 + 120*84 + 84*10 = 58,920; receptive fields
 * 5, 5+1=6, 6+4*2=14, 14+1*2=16, then the whole 32x32 image.
 */
import * as torch from 'cresset';
import { formatSummary, summarize } from '../../src/summary';
import { summaryCommand } from '../../src/cli/summary_command';

test('LeNet on 3x32x32', () => {
  const s = summarize(new torch.models.LeNet(), [3, 32, 32]);
  expect(s.layers.map((l) => [l.name, l.type, l.outputShape, l.params, l.receptiveField, l.multAdds])).toEqual([
    ['conv1', 'Conv2d', [1, 6, 28, 28], 6 * 3 * 25 + 6, [5, 5], 352800],
    ['pool', 'MaxPool2d', [1, 6, 14, 14], 0, [6, 6], 0],
    ['conv2', 'Conv2d', [1, 16, 10, 10], 16 * 6 * 25 + 16, [14, 14], 240000],
    ['pool', 'MaxPool2d', [1, 16, 5, 5], 0, [16, 16], 0],
    ['fc1', 'Linear', [1, 120], 400 * 120 + 120, [32, 32], 48000],
    ['fc2', 'Linear', [1, 84], 120 * 84 + 84, [32, 32], 10080],
    ['fc3', 'Linear', [1, 10], 84 * 10 + 10, [32, 32], 840],
  ]);
  expect([s.totalParams, s.totalMultAdds]).toEqual([62006, 651720]);
});

test('LeNet on 1x28x28 (first conv padded by 2): same shapes after conv1, fewer multiply-adds', () => {
  const s = summarize(new torch.models.LeNet({ inChannels: 1, padding: 2 }), [1, 28, 28]);
  expect(s.layers[0].outputShape).toEqual([1, 6, 28, 28]);
  expect(s.layers[0].multAdds).toBe(6 * 28 * 28 * 25);
  expect(s.layers[4].receptiveField).toEqual([28, 28]);
  expect([s.totalParams, s.totalMultAdds]).toEqual([61706, 117600 + 240000 + 58920]);
});

test('the command prints the table with totals', () => {
  const lines: string[] = [];
  summaryCommand(['--model', 'lenet', '--input', '3x32x32'], (s) => lines.push(s));
  const out = lines.join('\n');
  expect(out).toContain('conv2 (Conv2d)    [1, 16, 10, 10]    2,416            14x14    240,000');
  expect(out).toContain('Total params: 62,006');
  expect(out).toContain('Total mult-adds: 651,720');
  expect(formatSummary(summarize(new torch.models.LeNet(), [3, 32, 32]))).toBe(out);
});

test.each([
  [['--input', '3x30x30'], 'lenet: input 3x30x30 is not supported; expected Cx32x32 or Cx28x28'],
  [['--input', '3xax32'], '--input 3xax32: expected positive sizes like 3x32x32'],
  [['--model', 'resnet'], '--model resnet: unknown model; expected a file path (./net.ts, ./net.js) or one of alexnet, convnext_base, '],
])('%j is refused', (argv, msg) => {
  expect(() => summaryCommand(argv, () => undefined)).toThrow(msg);
});
