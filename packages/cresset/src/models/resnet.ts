/**
 * ResNet, ResNeXt and Wide ResNet as torchvision.models.resnet builds them: the same modules,
 * state-dict keys and repr, initialised in torchvision's order (default layer init, then
 * kaiming_normal_(fan_out, relu) on every Conv2d and ones/zeros on every BatchNorm2d and GroupNorm).
 */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { batchNorm2d as batchNorm, NormLayer } from './ops_misc';

/** 3x3 convolution with padding equal to the dilation, no bias (torchvision's conv3x3). */
export const conv3x3 = (inPlanes: number, outPlanes: number, stride = 1, groups = 1, dilation = 1) =>
  new nn.Conv2d(inPlanes, outPlanes, 3, { stride, padding: dilation, groups, bias: false, dilation });

/** 1x1 convolution, no bias (torchvision's conv1x1). */
export const conv1x1 = (inPlanes: number, outPlanes: number, stride = 1) =>
  new nn.Conv2d(inPlanes, outPlanes, 1, { stride, bias: false });

/** A residual block's constructor arguments beyond its channel counts. */
export interface BlockOptions {
  /** Stride of the block's strided convolution, and so of the block (1). */
  stride?: number;
  /** Module applied to the input to form the shortcut when the shape changes (null: the input itself). */
  downsample?: nn.Module | null;
  /** Groups of the 3x3 convolution (1; BasicBlock supports only 1). */
  groups?: number;
  /** Channels per group at planes=64 (64; BasicBlock supports only 64). */
  baseWidth?: number;
  /** Dilation of the 3x3 convolution (1; BasicBlock supports only 1). */
  dilation?: number;
  /** The normalisation layer (BatchNorm2d). */
  normLayer?: NormLayer;
}

/** Two 3x3 convolutions with a shortcut (ResNet-18/34's block); output channels = planes. */
export class BasicBlock extends nn.Module {
  /** Output channels of the block relative to planes (torchvision's expansion). */
  static readonly expansion = 1;
  /** The first 3x3 convolution, strided by stride. */
  conv1: nn.Conv2d;
  /** Normalisation after conv1. */
  bn1: nn.Module;
  /** The in-place ReLU after bn1 and after the residual sum. */
  relu: nn.ReLU;
  /** The second 3x3 convolution. */
  conv2: nn.Conv2d;
  /** Normalisation after conv2 (its weight zeroed by zeroInitResidual). */
  bn2: nn.Module;
  /** Shortcut projection of the input, or null for the identity. */
  downsample: nn.Module | null;
  /** The block's stride. */
  readonly stride: number;

  constructor(inplanes: number, planes: number, { stride = 1, downsample = null, groups = 1, baseWidth = 64, dilation = 1, normLayer = batchNorm }: BlockOptions = {}) {
    super();
    if (groups !== 1 || baseWidth !== 64) throw new ValueError(`BasicBlock only supports groups=1 and base_width=64 (got groups=${groups}, base_width=${baseWidth})`);
    if (dilation > 1) throw new ValueError(`BasicBlock: dilation > 1 is not supported (got dilation=${dilation})`);
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = normLayer(planes);
    this.relu = new nn.ReLU({ inplace: true });
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = normLayer(planes);
    this.downsample = downsample;
    this.stride = stride;
  }

  forward(x: Tensor): Tensor {
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)) as Tensor);
    out = this.bn2.forward(this.conv2.forward(out)) as Tensor;
    const identity = this.downsample ? (this.downsample.forward(x) as Tensor) : x;
    return this.relu.forward(out.add(identity));
  }
}

/** 1x1, 3x3 (grouped, strided) and 1x1 convolutions with a shortcut; output channels = 4 * planes. */
export class Bottleneck extends nn.Module {
  /** Output channels of the block relative to planes (torchvision's expansion). */
  static readonly expansion = 4;
  /** The 1x1 convolution from the input channels to the block's width. */
  conv1: nn.Conv2d;
  /** Normalisation after conv1. */
  bn1: nn.Module;
  /** The 3x3 grouped, strided and dilated convolution. */
  conv2: nn.Conv2d;
  /** Normalisation after conv2. */
  bn2: nn.Module;
  /** The 1x1 convolution from the width to planes * expansion channels. */
  conv3: nn.Conv2d;
  /** Normalisation after conv3 (its weight zeroed by zeroInitResidual). */
  bn3: nn.Module;
  /** The in-place ReLU after bn1, bn2 and the residual sum. */
  relu: nn.ReLU;
  /** Shortcut projection of the input, or null for the identity. */
  downsample: nn.Module | null;
  /** The block's stride. */
  readonly stride: number;

  constructor(inplanes: number, planes: number, { stride = 1, downsample = null, groups = 1, baseWidth = 64, dilation = 1, normLayer = batchNorm }: BlockOptions = {}) {
    super();
    const width = Math.trunc(planes * (baseWidth / 64)) * groups;
    this.conv1 = conv1x1(inplanes, width);
    this.bn1 = normLayer(width);
    this.conv2 = conv3x3(width, width, stride, groups, dilation);
    this.bn2 = normLayer(width);
    this.conv3 = conv1x1(width, planes * Bottleneck.expansion);
    this.bn3 = normLayer(planes * Bottleneck.expansion);
    this.relu = new nn.ReLU({ inplace: true });
    this.downsample = downsample;
    this.stride = stride;
  }

  forward(x: Tensor): Tensor {
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)) as Tensor);
    out = this.relu.forward(this.bn2.forward(this.conv2.forward(out)) as Tensor);
    out = this.bn3.forward(this.conv3.forward(out)) as Tensor;
    const identity = this.downsample ? (this.downsample.forward(x) as Tensor) : x;
    return this.relu.forward(out.add(identity));
  }
}

/** The block class of a ResNet: BasicBlock or Bottleneck. */
export type ResNetBlock = typeof BasicBlock | typeof Bottleneck;

/** torchvision's ResNet arguments, camelCased, with its defaults. */
export interface ResNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Zero the last BatchNorm weight of each block, so each block starts as the identity (false). */
  zeroInitResidual?: boolean;
  /** Groups of the 3x3 convolutions in Bottleneck blocks (1; 32 for resnext50_32x4d). */
  groups?: number;
  /** Channels per group at planes=64 (64; 128 for wide_resnet50_2). */
  widthPerGroup?: number;
  /** For layer2..layer4, dilate instead of striding ([false, false, false]). */
  replaceStrideWithDilation?: readonly [boolean, boolean, boolean];
  /** The normalisation layer (BatchNorm2d). */
  normLayer?: NormLayer;
}

/** torchvision.models.ResNet: stem (7x7 conv, BN, ReLU, max-pool), four stages, average pool, Linear. */
export class ResNet extends nn.Module {
  private inplanes = 64;
  private dilation = 1;
  /** Groups of the 3x3 convolutions in Bottleneck blocks (from groups). */
  readonly groups: number;
  /** Channels per group at planes=64 (torchvision's base_width, from widthPerGroup). */
  readonly baseWidth: number;
  private readonly normLayer: NormLayer;
  /** The 7x7 stride-2 stem convolution (torchvision's conv1). */
  conv1: nn.Conv2d;
  /** Normalisation after the stem convolution. */
  bn1: nn.Module;
  /** The stem's in-place ReLU. */
  relu: nn.ReLU;
  /** The stem's 3x3 stride-2 max-pool. */
  maxpool: nn.MaxPool2d;
  /** Stage 1: blocks at 64 planes, stride 1. */
  layer1: nn.Sequential;
  /** Stage 2: blocks at 128 planes, stride 2 (or dilated). */
  layer2: nn.Sequential;
  /** Stage 3: blocks at 256 planes, stride 2 (or dilated). */
  layer3: nn.Sequential;
  /** Stage 4: blocks at 512 planes, stride 2 (or dilated). */
  layer4: nn.Sequential;
  /** Adaptive average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** The final Linear classifier. */
  fc: nn.Linear;

  constructor(block: ResNetBlock, layers: readonly number[], o: ResNetOptions = {}) {
    super();
    const dilate = o.replaceStrideWithDilation ?? [false, false, false];
    if (dilate.length !== 3) throw new ValueError(`ResNet: replaceStrideWithDilation should be a 3-element array, got [${dilate.join(', ')}]`);
    if (layers.length !== 4) throw new ValueError(`ResNet: layers should hold 4 block counts, got [${layers.join(', ')}]`);
    this.normLayer = o.normLayer ?? batchNorm;
    this.groups = o.groups ?? 1;
    this.baseWidth = o.widthPerGroup ?? 64;
    this.conv1 = new nn.Conv2d(3, this.inplanes, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = this.normLayer(this.inplanes);
    this.relu = new nn.ReLU({ inplace: true });
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2, dilate[0]);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2, dilate[1]);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2, dilate[2]);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(512 * block.expansion, o.numClasses ?? 1000);

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
        if (m.weight) nn.init.constant_(m.weight, 1);
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
    if (o.zeroInitResidual) {
      for (const m of this.modules()) {
        const last = m instanceof Bottleneck ? m.bn3 : m instanceof BasicBlock ? m.bn2 : null;
        const w = last && (last as unknown as { weight?: nn.Parameter | null }).weight;
        if (w) nn.init.constant_(w, 0);
      }
    }
  }

  private makeLayer(block: ResNetBlock, planes: number, blocks: number, stride = 1, dilate = false): nn.Sequential {
    const normLayer = this.normLayer;
    let downsample: nn.Module | null = null;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new nn.Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), normLayer(planes * block.expansion));
    }
    const layers: nn.Module[] = [new block(this.inplanes, planes, { stride, downsample, groups: this.groups, baseWidth: this.baseWidth, dilation: previousDilation, normLayer })];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) {
      layers.push(new block(this.inplanes, planes, { groups: this.groups, baseWidth: this.baseWidth, dilation: this.dilation, normLayer }));
    }
    return new nn.Sequential(...layers);
  }

  forward(x: Tensor): Tensor {
    x = this.maxpool.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)) as Tensor));
    x = this.layer4.forward(this.layer3.forward(this.layer2.forward(this.layer1.forward(x)))) as Tensor;
    return this.fc.forward(this.avgpool.forward(x).flatten(1));
  }
}

/** ResNet-18 (11.7M parameters): BasicBlock x [2, 2, 2, 2]. */
export const resnet18 = (o: ResNetOptions = {}) => new ResNet(BasicBlock, [2, 2, 2, 2], o);
/** ResNet-34: BasicBlock x [3, 4, 6, 3]. */
export const resnet34 = (o: ResNetOptions = {}) => new ResNet(BasicBlock, [3, 4, 6, 3], o);
/** ResNet-50: Bottleneck x [3, 4, 6, 3]. */
export const resnet50 = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 6, 3], o);
/** ResNet-101: Bottleneck x [3, 4, 23, 3]. */
export const resnet101 = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 23, 3], o);
/** ResNet-152: Bottleneck x [3, 8, 36, 3]. */
export const resnet152 = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 8, 36, 3], o);
/** ResNeXt-50 32x4d: ResNet-50 with 32 groups of width 4. */
export const resnext50_32x4d = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 6, 3], { ...o, groups: 32, widthPerGroup: 4 });
/** ResNeXt-101 32x8d. */
export const resnext101_32x8d = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 23, 3], { ...o, groups: 32, widthPerGroup: 8 });
/** ResNeXt-101 64x4d. */
export const resnext101_64x4d = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 23, 3], { ...o, groups: 64, widthPerGroup: 4 });
/** Wide ResNet-50-2: ResNet-50 with twice the bottleneck width. */
export const wide_resnet50_2 = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 6, 3], { ...o, widthPerGroup: 128 });
/** Wide ResNet-101-2. */
export const wide_resnet101_2 = (o: ResNetOptions = {}) => new ResNet(Bottleneck, [3, 4, 23, 3], { ...o, widthPerGroup: 128 });
