/**
 * Bad input to layers gets an error that names the op, the shapes and what was expected; for
 * convolution and pooling the output-size arithmetic is spelled out with the argument to change.
 * Expected texts by exact reasoning (and PyTorch's wording where PyTorch has one).
 */
import { rand, tensor } from '@cresset/autograd';
import { DTypeError, ShapeError, ValueError, IndexError } from '@cresset/tensor';
import * as nn from '../src';

const F = nn.functional;

const cases: [string, () => unknown, new (...a: never[]) => Error, string][] = [
  [
    'conv2d: input 3x7x7, kernel 9x9, padding 0 gives -1x-1',
    () => new nn.Conv2d(3, 6, 9).forward(rand(1, 3, 7, 7)),
    ShapeError,
    'conv2d: input of size [1, 3, 7, 7] with kernel 9x9 (weight [6, 3, 9, 9]), padding 0x0, stride 1x1 and dilation 1x1 gives an output of -1x-1: ' +
      'each output size is floor((size + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1, here floor((7 + 0 - 8 - 1) / 1) + 1 = -1. ' +
      'Use a larger input, more padding, or a smaller kernel_size or dilation.',
  ],
  [
    'conv1d: dilation makes the kernel too wide',
    () => F.conv1d(rand(1, 2, 6), rand(3, 2, 3), null, { dilation: 3, padding: 0 }),
    ShapeError,
    'floor((6 + 0 - 6 - 1) / 1) + 1 = 0',
  ],
  [
    'conv2d: wrong number of channels',
    () => new nn.Conv2d(3, 6, 3).forward(rand(1, 4, 7, 7)),
    ShapeError,
    'conv2d: Given groups=1, weight of size [6, 3, 3, 3], expected input[1, 4, 7, 7] to have 3 channels, but got 4 channels instead',
  ],
  ['conv2d: 2-d input', () => new nn.Conv2d(3, 6, 3).forward(rand(7, 7)), ShapeError, 'Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [7, 7]'],
  ['Conv2d: groups must divide in_channels', () => new nn.Conv2d(3, 6, 3, { groups: 2 }), ValueError, 'Conv2d: in_channels must be divisible by groups (in_channels=3, groups=2)'],
  ["Conv2d: padding='same' with stride", () => new nn.Conv2d(3, 6, 3, { stride: 2, padding: 'same' }), ValueError, "Conv2d: padding='same' is not supported for strided convolutions"],
  ['Conv2d: missing kernel size', () => new (nn.Conv2d as unknown as new (...a: unknown[]) => nn.Conv2d)(3, 6), ValueError, "Conv2d() missing required argument: 'kernelSize'"],
  [
    'conv_transpose2d: too much padding',
    () => F.convTranspose2d(rand(1, 3, 1, 1), rand(3, 2, 1, 1), null, { padding: 1 }),
    ShapeError,
    'conv_transpose2d: Given input size per channel: (1 x 1). Calculated output size per channel: (-1 x -1). Output size is too small',
  ],
  [
    'conv_transpose2d: output padding not below stride or dilation',
    () => new nn.ConvTranspose2d(3, 2, 3, { stride: 2, outputPadding: 2 }).forward(rand(1, 3, 4, 4)),
    ValueError,
    'conv_transpose2d: output padding must be smaller than either stride or dilation, but got output_padding=2x2, stride=2x2, dilation=1x1',
  ],
  ['conv2d: int32 input, float weight', () => F.conv2d(rand(1, 1, 3, 3).mul(4.5).to('int32'), rand(1, 1, 1, 1)), DTypeError, 'conv2d: expected scalar type Int but found Float (input int32, weight float32)'],
  ['conv2d: float input, double weight', () => F.conv2d(rand(1, 1, 3, 3), rand(1, 1, 1, 1).to('float64')), DTypeError, 'conv2d: expected scalar type Float but found Double'],
  ['conv2d: int32 bias', () => F.conv2d(rand(1, 1, 3, 3), rand(1, 1, 1, 1), tensor([0], { dtype: 'int32' })), DTypeError, 'conv2d: Input type (float) and bias type (int) should be the same'],
  ['conv_transpose2d: double weight', () => F.convTranspose2d(rand(1, 1, 3, 3), rand(1, 1, 1, 1).to('float64')), DTypeError, 'conv_transpose2d: expected scalar type Float but found Double'],
  ['conv2d: stride 0', () => F.conv2d(rand(1, 1, 4, 4), rand(1, 1, 2, 2), null, { stride: 0 }), ValueError, 'conv2d: non-positive stride is not supported (stride [0, 0])'],
  ['conv2d: dilation 0', () => F.conv2d(rand(1, 1, 4, 4), rand(1, 1, 2, 2), null, { dilation: [1, 0] }), ValueError, 'conv2d: dilation should be greater than zero, but got [1, 0]'],
  ['conv2d: negative padding', () => F.conv2d(rand(1, 1, 4, 4), rand(1, 1, 2, 2), null, { padding: -1 }), ValueError, 'conv2d: negative padding is not supported (padding [-1, -1])'],
  ['conv2d: groups 0', () => F.conv2d(rand(1, 1, 4, 4), rand(1, 1, 2, 2), null, { groups: 0 }), ValueError, 'conv2d: non-positive groups is not supported (groups 0)'],
  ['conv_transpose2d: stride 0', () => F.convTranspose2d(rand(1, 1, 4, 4), rand(1, 1, 2, 2), null, { stride: [0, 1] }), ValueError, 'conv_transpose2d: non-positive stride is not supported (stride [0, 1])'],
  ['max_pool2d: fractional stride', () => F.maxPool2d(rand(1, 1, 4, 4), 2, { stride: 1e-9 }), ValueError, "max_pool2d(): argument 'stride' must be tuple of ints, but found 1e-9 at pos 0"],
  ['Conv2d: fractional kernel size', () => new nn.Conv2d(1, 1, [3, 2.5]), ValueError, "Conv2d(): argument 'kernel_size' must be tuple of ints, but found 2.5 at pos 1"],
  ['linear: mat1 and mat2', () => new nn.Linear(256, 120).forward(rand(64, 400)), ShapeError, 'mat1 and mat2 shapes cannot be multiplied (64x400 and 256x120)'],
  [
    'max_pool2d: kernel larger than the input',
    () => new nn.MaxPool2d(3).forward(rand(1, 1, 2, 2)),
    ShapeError,
    'max_pool2d: Given input size: (2x2). Calculated output size: (0x0). Output size is too small: each output size is ' +
      'floor((size + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1 with kernel_size=3x3, stride=3x3, padding=0x0, dilation=1x1; ' +
      'use a smaller kernel_size or dilation, more padding, or a larger input',
  ],
  [
    'avg_pool2d: too much padding',
    () => F.avgPool2d(rand(1, 1, 8, 8), 2, { padding: 2 }),
    ValueError,
    'avg_pool2d: pad should be at most half of kernel size, but got pad=2x2 and kernel_size=2x2: lower padding to at most 1x1 or use a larger kernel_size',
  ],
  ['max_pool2d: 1-d input', () => new nn.MaxPool2d(2).forward(rand(8)), ShapeError, 'max_pool2d: Expected 3D or 4D input, but got input of size: [8]'],
  ['BatchNorm2d: wrong number of features', () => new nn.BatchNorm2d(3).forward(rand(2, 4, 3, 3)), ShapeError, 'BatchNorm2d: running_mean should contain 4 elements not 3'],
  ['BatchNorm2d: 3-d input', () => new nn.BatchNorm2d(3).forward(rand(3, 4, 4)), ShapeError, 'BatchNorm2d: expected 4D input (got 3D input of shape [3, 4, 4])'],
  ['cross_entropy: class index out of range', () => F.crossEntropy(rand(4, 3), tensor([0, 1, 5, 2], { dtype: 'int64' })), IndexError, 'nll_loss: Target 5 is out of bounds (3 classes)'],
  ['cross_entropy: target of the wrong shape', () => F.crossEntropy(rand(4, 3), tensor([0, 1, 2], { dtype: 'int64' })), ShapeError, 'nll_loss: expected target of shape [4] for input of shape [4, 3], got [3]'],
  ['Dropout: p outside [0, 1]', () => new nn.Dropout(1.5), ValueError, 'Dropout: dropout probability has to be between 0 and 1, but got 1.5'],
  ['Linear: too many positional arguments', () => new (nn.Linear as unknown as new (...a: unknown[]) => nn.Linear)(3, 4, true, 5), ValueError, 'Linear() takes at most 3 positional arguments (inFeatures, outFeatures, bias) but 4 were given'],
];

test.each(cases)('%s', (_name, fn, kind, message) => {
  expect(fn).toThrow(kind);
  expect(fn).toThrow(message);
});
