/**
 * Layers take PyTorch's arguments positionally (in PyTorch's order), by name (camelCase options),
 * or both; each form gives the same layer, as PyTorch's repr shows.
 */
import * as nn from '../src';

type Ctor = new (...a: unknown[]) => nn.Module;
const L = nn as unknown as Record<string, Ctor>;

const forms: [string, unknown[][], string][] = [
  ['Conv2d', [[3, 6, 5, { stride: 2 }], [{ inChannels: 3, outChannels: 6, kernelSize: 5, stride: 2 }], [3, 6, 5, 2], [3, { outChannels: 6, kernelSize: 5, stride: 2 }]], 'Conv2d(3, 6, kernel_size=(5, 5), stride=(2, 2))'],
  ['Conv1d', [[2, 4, 3, 1, 'same', 2, 2, false, 'reflect'], [2, 4, 3, { padding: 'same', dilation: 2, groups: 2, bias: false, paddingMode: 'reflect' }]], 'Conv1d(2, 4, kernel_size=(3,), stride=(1,), padding=same, dilation=(2,), groups=2, bias=False, padding_mode=reflect)'],
  ['ConvTranspose2d', [[4, 2, 3, 2, 1, 1, 2, false], [{ inChannels: 4, outChannels: 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, groups: 2, bias: false }]], 'ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), groups=2, bias=False)'],
  ['MaxPool2d', [[3, 2, 1, 1, false, true], [3, { stride: 2, padding: 1, ceilMode: true }], [{ kernelSize: 3, stride: 2, padding: 1, ceilMode: true }]], 'MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=True)'],
  ['AvgPool2d', [[[2, 3], null, 1], [{ kernelSize: [2, 3], padding: 1 }]], 'AvgPool2d(kernel_size=(2, 3), stride=(2, 3), padding=1)'],
  ['Linear', [[4, 3, false], [4, 3, { bias: false }], [{ inFeatures: 4, outFeatures: 3, bias: false }]], 'Linear(in_features=4, out_features=3, bias=False)'],
  ['BatchNorm2d', [[5, 1e-3, null], [5, { eps: 1e-3, momentum: null }], [{ numFeatures: 5, eps: 1e-3, momentum: null }]], 'BatchNorm2d(5, eps=0.001, momentum=None, affine=True, track_running_stats=True)'],
  ['LeakyReLU', [[0.2, true], [{ negativeSlope: 0.2, inplace: true }]], 'LeakyReLU(negative_slope=0.2, inplace=True)'],
  ['Dropout2d', [[0.1], [{ p: 0.1 }]], 'Dropout2d(p=0.1, inplace=False)'],
  ['Flatten', [[0, 2], [{ startDim: 0, endDim: 2 }]], 'Flatten(start_dim=0, end_dim=2)'],
];

test.each(forms)('%s: every form of the arguments gives the same layer', (name, argLists, repr) => {
  for (const args of argLists) expect([args, String(new L[name](...args))]).toEqual([args, repr]);
});

test('an argument given both positionally and by name is an error', () => {
  expect(() => new L.Conv2d(3, 6, 5, { inChannels: 3 })).toThrow("Conv2d() got multiple values for argument 'inChannels'");
});
