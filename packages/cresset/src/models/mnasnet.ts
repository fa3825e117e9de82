/**
 * MNASNet B1 (depth multipliers 0.5, 0.75, 1.0, 1.3) as torchvision.models.mnasnet builds it:
 * kaiming_normal_(fan_out, relu) convolutions, BatchNorm ones/zeros, kaiming_uniform_(fan_out,
 * sigmoid) Linear weight with zero bias.
 */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';

/** The BatchNorm momentum of MNASNet (TensorFlow's decay 0.9997). */
const BN_MOMENTUM = 1 - 0.9997;

/** Expand (1x1), depthwise (k x k) and project (1x1), with a shortcut when stride 1 keeps the channels. */
export class _InvertedResidual extends nn.Module {
  readonly applyResidual: boolean;
  layers: nn.Sequential;

  constructor(inCh: number, outCh: number, kernelSize: number, stride: number, expansionFactor: number, bnMomentum = 0.1) {
    super();
    if (stride !== 1 && stride !== 2) throw new ValueError(`_InvertedResidual: stride should be 1 or 2 instead of ${stride}`);
    if (kernelSize !== 3 && kernelSize !== 5) throw new ValueError(`_InvertedResidual: kernel_size should be 3 or 5 instead of ${kernelSize}`);
    const mid = inCh * expansionFactor;
    this.applyResidual = inCh === outCh && stride === 1;
    this.layers = new nn.Sequential(
      new nn.Conv2d(inCh, mid, 1, { bias: false }), new nn.BatchNorm2d(mid, { momentum: bnMomentum }), new nn.ReLU({ inplace: true }),
      new nn.Conv2d(mid, mid, kernelSize, { padding: Math.floor(kernelSize / 2), stride, groups: mid, bias: false }), new nn.BatchNorm2d(mid, { momentum: bnMomentum }), new nn.ReLU({ inplace: true }),
      new nn.Conv2d(mid, outCh, 1, { bias: false }), new nn.BatchNorm2d(outCh, { momentum: bnMomentum }),
    );
  }

  forward(x: Tensor): Tensor {
    const y = this.layers.forward(x) as Tensor;
    return this.applyResidual ? y.add(x) : y;
  }
}

/** repeats inverted residuals, the first with the stride (torchvision's _stack). */
function stack(inCh: number, outCh: number, kernelSize: number, stride: number, expFactor: number, repeats: number, bnMomentum: number): nn.Sequential {
  if (repeats < 1) throw new ValueError(`MNASNet: repeats should be >= 1, instead got ${repeats}`);
  const blocks = [new _InvertedResidual(inCh, outCh, kernelSize, stride, expFactor, bnMomentum)];
  for (let i = 1; i < repeats; i++) blocks.push(new _InvertedResidual(outCh, outCh, kernelSize, 1, expFactor, bnMomentum));
  return new nn.Sequential(...blocks);
}

/** val rounded to a multiple of divisor, up unless that overshoots by less than 1 - roundUpBias (torchvision's _round_to_multiple_of). */
function roundToMultipleOf(val: number, divisor: number, roundUpBias = 0.9): number {
  const v = Math.max(divisor, Math.floor(Math.trunc(val + divisor / 2) / divisor) * divisor);
  return v >= roundUpBias * val ? v : v + divisor;
}

/** torchvision's MNASNet arguments beyond alpha. */
export interface MNASNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Dropout probability of the classifier (0.2). */
  dropout?: number;
}

/** torchvision.models.MNASNet: layers (stem and six stacks of inverted residuals, 1x1 to 1280), global mean, classifier. */
export class MNASNet extends nn.Module {
  /** The depth multiplier scaling every layer's channels. */
  readonly alpha: number;
  /** Outputs of the classifier. */
  readonly numClasses: number;
  /** The stem, the six stacks of inverted residuals, and the 1x1 conv to 1280 channels with BN and ReLU. */
  layers: nn.Sequential;
  /** Dropout, then Linear 1280-numClasses. */
  classifier: nn.Sequential;

  constructor(alpha: number, { numClasses = 1000, dropout = 0.2 }: MNASNetOptions = {}) {
    super();
    if (!(alpha > 0)) throw new ValueError(`MNASNet: alpha should be greater than 0.0 instead of ${alpha}`);
    this.alpha = alpha;
    this.numClasses = numClasses;
    const d = [32, 16, 24, 40, 80, 96, 192, 320].map((depth) => roundToMultipleOf(depth * alpha, 8));
    const bn = (c: number) => new nn.BatchNorm2d(c, { momentum: BN_MOMENTUM });
    this.layers = new nn.Sequential(
      new nn.Conv2d(3, d[0], 3, { padding: 1, stride: 2, bias: false }), bn(d[0]), new nn.ReLU({ inplace: true }),
      new nn.Conv2d(d[0], d[0], 3, { padding: 1, stride: 1, groups: d[0], bias: false }), bn(d[0]), new nn.ReLU({ inplace: true }),
      new nn.Conv2d(d[0], d[1], 1, { padding: 0, stride: 1, bias: false }), bn(d[1]),
      stack(d[1], d[2], 3, 2, 3, 3, BN_MOMENTUM), stack(d[2], d[3], 5, 2, 3, 3, BN_MOMENTUM), stack(d[3], d[4], 5, 2, 6, 3, BN_MOMENTUM),
      stack(d[4], d[5], 3, 1, 6, 2, BN_MOMENTUM), stack(d[5], d[6], 5, 2, 6, 4, BN_MOMENTUM), stack(d[6], d[7], 3, 1, 6, 1, BN_MOMENTUM),
      new nn.Conv2d(d[7], 1280, 1, { padding: 0, stride: 1, bias: false }), bn(1280), new nn.ReLU({ inplace: true }),
    );
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(1280, numClasses));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
        if (m.bias) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.ones_(m.weight);
        if (m.bias) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.Linear) {
        nn.init.kaimingUniform_(m.weight, { mode: 'fan_out', nonlinearity: 'sigmoid' });
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward((this.layers.forward(x) as Tensor).mean([2, 3])) as Tensor;
  }
}

/** MNASNet with depth multiplier 0.5. */
export const mnasnet0_5 = (o: MNASNetOptions = {}) => new MNASNet(0.5, o);
/** MNASNet with depth multiplier 0.75. */
export const mnasnet0_75 = (o: MNASNetOptions = {}) => new MNASNet(0.75, o);
/** MNASNet with depth multiplier 1.0. */
export const mnasnet1_0 = (o: MNASNetOptions = {}) => new MNASNet(1.0, o);
/** MNASNet with depth multiplier 1.3. */
export const mnasnet1_3 = (o: MNASNetOptions = {}) => new MNASNet(1.3, o);
