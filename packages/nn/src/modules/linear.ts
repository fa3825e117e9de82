/** Linear (y = x W^T + b), Bilinear and Identity. */
import { empty, Tensor } from '@cresset/autograd';
import { bilinear } from '../functional/bilinear';
import { linear } from '../functional/linear';
import { calculateFanInAndFanOut, kaimingUniform_, uniform_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs } from '../utils';

export interface LinearArgs {
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
  dtype?: 'float32' | 'float64';
}

export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  /** new Linear(in, out, { bias }) or new Linear({ inFeatures, outFeatures, bias }). */
  constructor(...args: [LinearArgs] | [number, number, (boolean | Omit<LinearArgs, 'inFeatures' | 'outFeatures'>)?]) {
    super();
    const a = layerArgs<LinearArgs>('Linear', args, ['inFeatures', 'outFeatures', 'bias'], ['inFeatures', 'outFeatures']);
    this.inFeatures = a.inFeatures;
    this.outFeatures = a.outFeatures;
    const dtype = a.dtype ?? 'float32';
    this.weight = new Parameter(empty([a.outFeatures, a.inFeatures], { dtype }));
    this.bias = a.bias ?? true ? new Parameter(empty([a.outFeatures], { dtype })) : null;
    this.resetParameters();
  }

  /** kaiming_uniform_(weight, a=sqrt(5)) and bias ~ U(-1/sqrt(in), 1/sqrt(in)), as PyTorch. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias) {
      const [fanIn] = calculateFanInAndFanOut(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }
}

/** Returns its input (nn.Identity). */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

export interface BilinearArgs {
  in1Features: number;
  in2Features: number;
  outFeatures: number;
  bias?: boolean;
  dtype?: 'float32' | 'float64';
}

/** y = x1^T W x2 + b, W [out, in1, in2] (nn.Bilinear). */
export class Bilinear extends Module {
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  /** new Bilinear(in1, in2, out, { bias }) or by name; weight and bias ~ U(-1/sqrt(in1), 1/sqrt(in1)), as PyTorch. */
  constructor(...args: [BilinearArgs] | [number, number, number, (boolean | Pick<BilinearArgs, 'bias' | 'dtype'>)?]) {
    super();
    const a = layerArgs<BilinearArgs>('Bilinear', args, ['in1Features', 'in2Features', 'outFeatures', 'bias'], ['in1Features', 'in2Features', 'outFeatures']);
    this.in1Features = a.in1Features;
    this.in2Features = a.in2Features;
    this.outFeatures = a.outFeatures;
    const dtype = a.dtype ?? 'float32';
    this.weight = new Parameter(empty([a.outFeatures, a.in1Features, a.in2Features], { dtype }));
    this.bias = a.bias ?? true ? new Parameter(empty([a.outFeatures], { dtype })) : null;
    const bound = 1 / Math.sqrt(a.in1Features);
    uniform_(this.weight, -bound, bound);
    if (this.bias) uniform_(this.bias, -bound, bound);
  }

  forward(x1: Tensor, x2: Tensor): Tensor {
    return bilinear(x1, x2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }
}
