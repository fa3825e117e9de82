/** ShuffleNet V2 x0.5/x1.0/x1.5/x2.0 as torchvision.models.shufflenetv2 builds them (PyTorch's default layer init). */
import { cat, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';

const F = nn.functional;

/** A depthwise convolution, no bias by default (torchvision's InvertedResidual.depthwise_conv). */
const depthwiseConv = (i: number, o: number, kernelSize: number, stride = 1, padding = 0, bias = false) =>
  new nn.Conv2d(i, o, kernelSize, { stride, padding, bias, groups: i });

/**
 * ShuffleNet V2's unit: at stride 1 half the channels pass through and half go through branch2;
 * at stride > 1 both branches see the input; the halves are concatenated and channel-shuffled.
 */
export class InvertedResidual extends nn.Module {
  readonly stride: number;
  branch1: nn.Sequential;
  branch2: nn.Sequential;

  constructor(inp: number, oup: number, stride: number) {
    super();
    if (!(stride >= 1 && stride <= 3)) throw new ValueError(`InvertedResidual: illegal stride value ${stride}`);
    this.stride = stride;
    const bf = Math.floor(oup / 2);
    if (stride === 1 && inp !== bf << 1) {
      throw new ValueError(`InvertedResidual: invalid combination of stride ${stride}, inp ${inp} and oup ${oup} values; with stride 1, inp should be oup // 2 << 1`);
    }
    this.branch1 = stride > 1
      ? new nn.Sequential(
        depthwiseConv(inp, inp, 3, stride, 1), new nn.BatchNorm2d(inp),
        new nn.Conv2d(inp, bf, 1, { stride: 1, padding: 0, bias: false }), new nn.BatchNorm2d(bf), new nn.ReLU({ inplace: true }),
      )
      : new nn.Sequential();
    this.branch2 = new nn.Sequential(
      new nn.Conv2d(stride > 1 ? inp : bf, bf, 1, { stride: 1, padding: 0, bias: false }), new nn.BatchNorm2d(bf), new nn.ReLU({ inplace: true }),
      depthwiseConv(bf, bf, 3, stride, 1), new nn.BatchNorm2d(bf),
      new nn.Conv2d(bf, bf, 1, { stride: 1, padding: 0, bias: false }), new nn.BatchNorm2d(bf), new nn.ReLU({ inplace: true }),
    );
  }

  forward(x: Tensor): Tensor {
    let out: Tensor;
    if (this.stride === 1) {
      const half = x.shape[1] / 2;
      out = cat([x.narrow(1, 0, half), this.branch2.forward(x.narrow(1, half, half)) as Tensor], 1);
    } else out = cat([this.branch1.forward(x) as Tensor, this.branch2.forward(x) as Tensor], 1);
    return F.channelShuffle(out, 2);
  }
}

/** torchvision's ShuffleNetV2 arguments beyond the stage layout. */
export interface ShuffleNetV2Options {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
}

/** torchvision.models.ShuffleNetV2: conv1, max-pool, stage2..stage4, conv5, global mean, fc. */
export class ShuffleNetV2 extends nn.Module {
  private readonly stageOutChannels: readonly number[];
  /** The 3x3 stride-2 conv, BN and ReLU stem. */
  conv1: nn.Sequential;
  /** The 3x3 stride-2 max-pool after conv1. */
  maxpool: nn.MaxPool2d;
  /** Stage 2: a stride-2 unit, then stride-1 units. */
  stage2: nn.Sequential;
  /** Stage 3: a stride-2 unit, then stride-1 units. */
  stage3: nn.Sequential;
  /** Stage 4: a stride-2 unit, then stride-1 units. */
  stage4: nn.Sequential;
  /** The 1x1 conv, BN and ReLU to the last stage-out channel count. */
  conv5: nn.Sequential;
  /** The final Linear classifier, after a global mean. */
  fc: nn.Linear;

  constructor(stagesRepeats: readonly number[], stagesOutChannels: readonly number[], { numClasses = 1000 }: ShuffleNetV2Options = {}) {
    super();
    if (stagesRepeats.length !== 3) throw new ValueError(`ShuffleNetV2: expected stagesRepeats as 3 positive ints, got [${stagesRepeats.join(', ')}]`);
    if (stagesOutChannels.length !== 5) throw new ValueError(`ShuffleNetV2: expected stagesOutChannels as 5 positive ints, got [${stagesOutChannels.join(', ')}]`);
    this.stageOutChannels = stagesOutChannels;
    let inputChannels = 3;
    let outputChannels = stagesOutChannels[0];
    this.conv1 = new nn.Sequential(new nn.Conv2d(inputChannels, outputChannels, 3, { stride: 2, padding: 1, bias: false }), new nn.BatchNorm2d(outputChannels), new nn.ReLU({ inplace: true }));
    inputChannels = outputChannels;
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    const stage = (repeats: number, out: number) => {
      const seq: nn.Module[] = [new InvertedResidual(inputChannels, out, 2)];
      for (let i = 0; i < repeats - 1; i++) seq.push(new InvertedResidual(out, out, 1));
      inputChannels = out;
      return new nn.Sequential(...seq);
    };
    this.stage2 = stage(stagesRepeats[0], stagesOutChannels[1]);
    this.stage3 = stage(stagesRepeats[1], stagesOutChannels[2]);
    this.stage4 = stage(stagesRepeats[2], stagesOutChannels[3]);
    outputChannels = stagesOutChannels[4];
    this.conv5 = new nn.Sequential(new nn.Conv2d(inputChannels, outputChannels, 1, { stride: 1, padding: 0, bias: false }), new nn.BatchNorm2d(outputChannels), new nn.ReLU({ inplace: true }));
    this.fc = new nn.Linear(outputChannels, numClasses);
  }

  forward(x: Tensor): Tensor {
    x = this.maxpool.forward(this.conv1.forward(x) as Tensor);
    x = this.conv5.forward(this.stage4.forward(this.stage3.forward(this.stage2.forward(x)))) as Tensor;
    return this.fc.forward(x.mean([2, 3]));
  }
}

const shufflenet = (channels: number[]) => (o: ShuffleNetV2Options = {}) => new ShuffleNetV2([4, 8, 4], channels, o);

/** ShuffleNet V2 with 0.5x output channels. */
export const shufflenet_v2_x0_5 = shufflenet([24, 48, 96, 192, 1024]);
/** ShuffleNet V2 with 1.0x output channels. */
export const shufflenet_v2_x1_0 = shufflenet([24, 116, 232, 464, 1024]);
/** ShuffleNet V2 with 1.5x output channels. */
export const shufflenet_v2_x1_5 = shufflenet([24, 176, 352, 704, 1024]);
/** ShuffleNet V2 with 2.0x output channels. */
export const shufflenet_v2_x2_0 = shufflenet([24, 244, 488, 976, 2048]);
