/**
 * RegNetX and RegNetY (400MF ... 32GF) as torchvision.models.regnet builds them: widths and depths
 * from the quantised linear rule (computed in float32 as torchvision's torch ops do), stages of
 * residual bottleneck blocks (grouped 3x3, squeeze-excitation in RegNetY), ResNet-style init.
 */
import { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { ActivationLayer, Conv2dNormActivation, makeDivisible, NormLayer, SqueezeExcitation } from './ops_misc';

/** The 3x3 stride-2 conv-BN-ReLU stem. */
export class SimpleStemIN extends Conv2dNormActivation {
  constructor(widthIn: number, widthOut: number, normLayer: NormLayer, activationLayer: ActivationLayer) {
    super(widthIn, widthOut, { kernelSize: 3, stride: 2, normLayer, activationLayer });
  }
}

/** 1x1 (a), grouped 3x3 (b), optional squeeze-excitation (se), 1x1 without activation (c). */
export class BottleneckTransform extends nn.Sequential {
  constructor(widthIn: number, widthOut: number, stride: number, normLayer: NormLayer, activationLayer: ActivationLayer,
    groupWidth: number, bottleneckMultiplier: number, seRatio: number | null) {
    const wB = roundHalfEven(widthOut * bottleneckMultiplier);
    const g = Math.floor(wB / groupWidth);
    const layers: Record<string, nn.Module> = {
      a: new Conv2dNormActivation(widthIn, wB, { kernelSize: 1, stride: 1, normLayer, activationLayer }),
      b: new Conv2dNormActivation(wB, wB, { kernelSize: 3, stride, groups: g, normLayer, activationLayer }),
    };
    if (seRatio) layers.se = new SqueezeExcitation(wB, roundHalfEven(seRatio * widthIn), () => new activationLayer());
    layers.c = new Conv2dNormActivation(wB, widthOut, { kernelSize: 1, stride: 1, normLayer, activationLayer: null });
    super(layers);
  }
}

/** A bottleneck transform plus a shortcut (projected when the shape changes), then the activation. */
export class ResBottleneckBlock extends nn.Module {
  /** 1x1 conv and norm projecting the shortcut when the width or stride changes; null for the identity. */
  proj: Conv2dNormActivation | null;
  /** The bottleneck transform (a, b, optional se, c). */
  f: BottleneckTransform;
  /** The in-place activation after the residual sum. */
  activation: nn.Module;

  constructor(widthIn: number, widthOut: number, stride: number, normLayer: NormLayer, activationLayer: ActivationLayer,
    groupWidth = 1, bottleneckMultiplier = 1.0, seRatio: number | null = null) {
    super();
    this.proj = widthIn !== widthOut || stride !== 1
      ? new Conv2dNormActivation(widthIn, widthOut, { kernelSize: 1, stride, normLayer, activationLayer: null })
      : null;
    this.f = new BottleneckTransform(widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
    this.activation = new activationLayer({ inplace: true });
  }

  forward(x: Tensor): Tensor {
    const f = this.f.forward(x) as Tensor;
    return this.activation.forward((this.proj ? (this.proj.forward(x) as Tensor) : x).add(f)) as Tensor;
  }
}

/** depth blocks named block{stageIndex}-{i}, the first with the stride and the width change. */
export class AnyStage extends nn.Sequential {
  constructor(widthIn: number, widthOut: number, stride: number, depth: number, normLayer: NormLayer, activationLayer: ActivationLayer,
    groupWidth: number, bottleneckMultiplier: number, seRatio: number | null, stageIndex = 0) {
    super();
    for (let i = 0; i < depth; i++) {
      this.addModule(`block${stageIndex}-${i}`, new ResBottleneckBlock(i === 0 ? widthIn : widthOut, widthOut, i === 0 ? stride : 1,
        normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio));
    }
  }
}

/** Python's round (and torch.round): to the nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Per-stage settings (torchvision's BlockParams). */
export interface BlockParams {
  /** Blocks in each stage. */
  depths: number[];
  /** Output channels of each stage. */
  widths: number[];
  /** Channels per group of each stage's grouped 3x3 convolutions. */
  groupWidths: number[];
  /** Each stage's bottleneck width as a multiple of its output width. */
  bottleneckMultipliers: number[];
  /** Stride of each stage's first block. */
  strides: number[];
  /** Squeeze channels of the squeeze-excitation as a fraction of a block's input width; null for none (RegNetX). */
  seRatio: number | null;
}

/** The RegNet design-space parameters of one model. */
export interface RegNetParams {
  /** Total number of blocks. */
  depth: number;
  /** Initial width (a multiple of 8). */
  w0: number;
  /** Slope of the linear width rule. */
  wA: number;
  /** Width multiplier between quantised widths (above 1). */
  wM: number;
  /** Channels per group of the grouped 3x3 convolutions. */
  groupWidth: number;
  /** Bottleneck width as a multiple of the block's output width (1.0). */
  bottleneckMultiplier?: number;
  /** Squeeze-excitation ratio (0.25 for RegNetY); null or absent for none. */
  seRatio?: number | null;
}

/**
 * Stage depths and widths from (depth, w0, wA, wM): block widths w0 * wM^round(log(1 + i wA / w0) / log wM)
 * quantised to multiples of 8, in float32 as torchvision computes them; stages are runs of equal
 * width; widths are then made compatible with the group width (BlockParams.from_init_params).
 */
export function blockParams({ depth, w0, wA, wM, groupWidth, bottleneckMultiplier = 1.0, seRatio = null }: RegNetParams): BlockParams {
  if (wA < 0 || w0 <= 0 || wM <= 1 || w0 % 8 !== 0) throw new ValueError(`RegNet: invalid settings w_0=${w0}, w_a=${wA}, w_m=${wM}`);
  const f = Math.fround;
  const logWm = f(Math.log(wM));
  const blockWidths: number[] = [];
  for (let i = 0; i < depth; i++) {
    const w = f(f(i * f(wA)) + w0);
    const capacity = roundHalfEven(f(f(Math.log(f(w / w0))) / logWm));
    blockWidths.push(Math.trunc(roundHalfEven(f(f(w0 * f(Math.pow(wM, capacity))) / 8)) * 8));
  }
  const numStages = new Set(blockWidths).size;
  const starts = blockWidths.map((w, i) => i === 0 || w !== blockWidths[i - 1]);
  const splitIdx = [...starts.map((s, i) => (s ? i : -1)).filter((i) => i >= 0), depth];
  const stageWidths = blockWidths.filter((_w, i) => starts[i]);
  const stageDepths = splitIdx.slice(1).map((v, i) => v - splitIdx[i]);
  const n = Math.min(numStages, stageWidths.length);
  const bms = Array(n).fill(bottleneckMultiplier);
  const bots = stageWidths.slice(0, n).map((w, i) => Math.trunc(w * bms[i]));
  const gws = bots.map((wb) => Math.min(groupWidth, wb));
  const widths = bots.map((wb, i) => Math.trunc(makeDivisible(wb, gws[i]) / bms[i]));
  return { depths: stageDepths.slice(0, n), widths, groupWidths: gws, bottleneckMultipliers: bms, strides: Array(n).fill(2), seRatio };
}

/** torchvision's RegNet builder arguments. */
export interface RegNetOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Channels of the stem (32). */
  stemWidth?: number;
  /** The normalisation layer (BatchNorm2d). */
  normLayer?: NormLayer;
  /** The activation (ReLU). */
  activation?: ActivationLayer;
}

/** torchvision.models.RegNet: stem, trunk_output (block1..blockN stages), global average pool, fc. */
export class RegNet extends nn.Module {
  /** The 3x3 stride-2 stem. */
  stem: SimpleStemIN;
  /** The stages block1..blockN, each an AnyStage. */
  trunk_output: nn.Sequential;
  /** Adaptive average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** The final Linear classifier. */
  fc: nn.Linear;

  constructor(params: BlockParams, { numClasses = 1000, stemWidth = 32, normLayer = (c) => new nn.BatchNorm2d(c, { eps: 1e-5, momentum: 0.1 }), activation = nn.ReLU }: RegNetOptions = {}) {
    super();
    this.stem = new SimpleStemIN(3, stemWidth, normLayer, activation);
    let width = stemWidth;
    const stages: Record<string, nn.Module> = {};
    params.widths.forEach((widthOut, i) => {
      stages[`block${i + 1}`] = new AnyStage(width, widthOut, params.strides[i], params.depths[i], normLayer, activation,
        params.groupWidths[i], params.bottleneckMultipliers[i], params.seRatio, i + 1);
      width = widthOut;
    });
    this.trunk_output = new nn.Sequential(stages);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(width, numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.normal_(m.weight, 0, Math.sqrt(2 / (m.kernelSize[0] * m.kernelSize[1] * m.outChannels)));
      else if (m instanceof nn.BatchNorm2d) {
        if (m.weight) nn.init.ones_(m.weight);
        if (m.bias) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, 0, 0.01);
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }

  forward(x: Tensor): Tensor {
    x = this.trunk_output.forward(this.stem.forward(x)) as Tensor;
    return this.fc.forward(this.avgpool.forward(x).flatten(1));
  }
}

const regnet = (p: RegNetParams) => (o: RegNetOptions = {}) => new RegNet(blockParams(p), o);
const y = (depth: number, w0: number, wA: number, wM: number, groupWidth: number) => regnet({ depth, w0, wA, wM, groupWidth, seRatio: 0.25 });
const x = (depth: number, w0: number, wA: number, wM: number, groupWidth: number) => regnet({ depth, w0, wA, wM, groupWidth });

/** RegNetY-400MF. */
export const regnet_y_400mf = y(16, 48, 27.89, 2.09, 8);
/** RegNetY-800MF. */
export const regnet_y_800mf = y(14, 56, 38.84, 2.4, 16);
/** RegNetY-1.6GF. */
export const regnet_y_1_6gf = y(27, 48, 20.71, 2.65, 24);
/** RegNetY-3.2GF. */
export const regnet_y_3_2gf = y(21, 80, 42.63, 2.66, 24);
/** RegNetY-8GF. */
export const regnet_y_8gf = y(17, 192, 76.82, 2.19, 56);
/** RegNetY-16GF. */
export const regnet_y_16gf = y(18, 200, 106.23, 2.48, 112);
/** RegNetY-32GF. */
export const regnet_y_32gf = y(20, 232, 115.89, 2.53, 232);
/** RegNetY-128GF (644M parameters). */
export const regnet_y_128gf = y(27, 456, 160.83, 2.52, 264);
/** RegNetX-400MF. */
export const regnet_x_400mf = x(22, 24, 24.48, 2.54, 16);
/** RegNetX-800MF. */
export const regnet_x_800mf = x(16, 56, 35.73, 2.28, 16);
/** RegNetX-1.6GF. */
export const regnet_x_1_6gf = x(18, 80, 34.01, 2.25, 24);
/** RegNetX-3.2GF. */
export const regnet_x_3_2gf = x(25, 88, 26.31, 2.25, 48);
/** RegNetX-8GF. */
export const regnet_x_8gf = x(23, 80, 49.56, 2.88, 120);
/** RegNetX-16GF. */
export const regnet_x_16gf = x(22, 216, 55.59, 2.1, 128);
/** RegNetX-32GF. */
export const regnet_x_32gf = x(23, 320, 69.86, 2.0, 168);
