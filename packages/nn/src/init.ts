/**
 * torch.nn.init: in-place initialisers drawing from the default generator in PyTorch's order,
 * so that after manualSeed(s) a model starts from exactly PyTorch's weights.
 */
import { noGrad, tensor, Tensor } from '@cresset/autograd';
import { erf, erfinv, Generator, noteRead, ShapeError, ValueError } from '@cresset/tensor';

/** Math, as a module constant (a global lookup is slow under a vm context such as jest's). */
const M = Math;

export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
export type FanMode = 'fan_in' | 'fan_out';

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'conv1d': case 'conv2d': case 'conv3d': case 'conv_transpose1d': case 'conv_transpose2d': case 'conv_transpose3d': case 'sigmoid':
      return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu': return 3 / 4;
    default: throw new ValueError(`calculate_gain: Unsupported nonlinearity ${String(nonlinearity)}`);
  }
}

/** [fan_in, fan_out] of a weight [out, in, ...kernel] (torch.nn.init._calculate_fan_in_and_fan_out). */
export function calculateFanInAndFanOut(t: Tensor): [number, number] {
  if (t.ndim < 2) throw new ShapeError(`Fan in and fan out can not be computed for tensor with fewer than 2 dimensions (got [${t.shape.join(', ')}])`);
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

export const uniform_ = (t: Tensor, a = 0, b = 1, generator?: Generator) => noGrad(() => t.uniform_(a, b, generator));
export const normal_ = (t: Tensor, mean = 0, std = 1, generator?: Generator) => noGrad(() => t.normal_(mean, std, generator));
export const constant_ = (t: Tensor, val: number) => noGrad(() => t.fill_(val));
export const zeros_ = (t: Tensor) => constant_(t, 0);
export const ones_ = (t: Tensor) => constant_(t, 1);

export function xavierUniform_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -a, a, generator);
}

export function xavierNormal_(t: Tensor, gain = 1, generator?: Generator): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), generator);
}

export interface KaimingOptions {
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  if (t.numel() === 0) return 0;
  const [fanIn, fanOut] = calculateFanInAndFanOut(t);
  const mode = o.mode ?? 'fan_in';
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ValueError(`Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const gain = calculateGain(o.nonlinearity ?? 'leaky_relu', o.a ?? 0);
  return gain / Math.sqrt(mode === 'fan_in' ? fanIn : fanOut);
}

/** U(-bound, bound) with bound = gain * sqrt(3 / fan) (torch.nn.init.kaiming_uniform_). */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, opts);
  return uniform_(t, -bound, bound, opts.generator);
}

/** N(0, std^2) with std = gain / sqrt(fan) (torch.nn.init.kaiming_normal_). */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd(t, opts), opts.generator);
}

/**
 * N(mean, std^2) truncated to [a, b] (torch.nn.init.trunc_normal_), by PyTorch's inverse-CDF method:
 * uniform_ on [2 cdf(a) - 1, 2 cdf(b) - 1], erfinv, scale by std * sqrt(2), shift by mean, clamp,
 * so after manualSeed the values are PyTorch's.
 */
export function truncNormal_(t: Tensor, mean = 0, std = 1, a = -2, b = 2, generator?: Generator): Tensor {
  const { fround, max, min, SQRT2 } = M;
  const cdf = (x: number) => (1 + erf(x / SQRT2)) / 2;
  const l = cdf((a - mean) / std);
  const u = cdf((b - mean) / std);
  return noGrad(() => {
    t.uniform_(2 * l - 1, 2 * u - 1, generator);
    const round = t.dtype === 'float32' ? fround : (x: number) => x;
    const scale = round(std * SQRT2);
    noteRead('trunc_normal_ transforms its draws in JavaScript');
    const inPlace = t.array.isContiguous();
    const values = inPlace ? t.array.values() : t.array.values().slice();
    for (let i = 0; i < values.length; i++) values[i] = min(max(round(round(round(erfinv(values[i] as number)) * scale) + mean), a), b);
    if (!inPlace) return t.copy_(tensor(values, { dtype: t.dtype }).reshape(t.shape));
    t.array.bumpVersion();
    return t;
  });
}
