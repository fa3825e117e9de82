/**
 * ConvNeXt tiny/small/base/large as torchvision.models.convnext builds them: patchify stem, stages
 * of CNBlocks (7x7 depthwise conv, LayerNorm, MLP with GELU, layer scale, stochastic depth),
 * LayerNorm2d + 2x2 conv downsampling; trunc_normal_(std 0.02) Conv2d and Linear weights, zero bias.
 */
import { ones, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { Conv2dNormActivation, NormLayer } from './ops_misc';
import { StochasticDepth } from './stochastic_depth';

/** LayerNorm over the channels of an NCHW tensor (torchvision's LayerNorm2d). */
export class LayerNorm2d extends nn.LayerNorm {
  override forward(x: Tensor): Tensor {
    const y = nn.functional.layerNorm(x.permute([0, 2, 3, 1]), this.normalizedShape, this.weight, this.bias, this.eps);
    return y.permute([0, 3, 1, 2]);
  }
}

/** A view of the input with its dims permuted (torchvision.ops.Permute). */
export class Permute extends nn.Module {
  /** @param dims The input dim each output dim takes, as Tensor.permute takes them. */
  constructor(readonly dims: readonly number[]) {
    super();
  }

  forward(x: Tensor): Tensor {
    return x.permute([...this.dims]);
  }
}

/** ConvNeXt's block: depthwise 7x7, LayerNorm over channels, Linear 4x, GELU, Linear back, scaled, dropped, plus the input. */
export class CNBlock extends nn.Module {
  /** Depthwise 7x7 conv, permute to NHWC, norm, Linear to 4x, GELU, Linear back, permute to NCHW. */
  block: nn.Sequential;
  /** Per-channel scale of the block's output, [dim, 1, 1], initialised to layerScale. */
  layer_scale: nn.Parameter;
  /** Row-wise stochastic depth on the scaled output before the shortcut. */
  stochastic_depth: StochasticDepth;

  constructor(dim: number, layerScale: number, stochasticDepthProb: number, normLayer: NormLayer = (c) => new nn.LayerNorm(c, { eps: 1e-6 })) {
    super();
    this.block = new nn.Sequential(
      new nn.Conv2d(dim, dim, 7, { padding: 3, groups: dim, bias: true }),
      new Permute([0, 2, 3, 1]),
      normLayer(dim),
      new nn.Linear(dim, 4 * dim, true),
      new nn.GELU(),
      new nn.Linear(4 * dim, dim, true),
      new Permute([0, 3, 1, 2]),
    );
    this.layer_scale = new nn.Parameter(ones([dim, 1, 1]).mul(layerScale));
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }

  forward(x: Tensor): Tensor {
    return this.stochastic_depth.forward(this.layer_scale.mul(this.block.forward(x) as Tensor)).add(x);
  }
}

/** One stage: its blocks' channels, the channels the downsampling after it gives (null for the last), its depth. */
export interface CNBlockConfig {
  /** Channels of the stage's blocks. */
  inputChannels: number;
  /** Channels after the downsampling that follows the stage; null for the last stage. */
  outChannels: number | null;
  /** Number of CNBlocks in the stage. */
  numLayers: number;
}

/** torchvision's ConvNeXt builder arguments. */
export interface ConvNeXtOptions {
  /** Outputs of the classifier (1000). */
  numClasses?: number;
  /** Stochastic depth probability of the last block (the variant's: 0.1 tiny, 0.4 small, 0.5 base and large). */
  stochasticDepthProb?: number;
  /** Initial value of every layer scale (1e-6). */
  layerScale?: number;
}

/** torchvision.models.ConvNeXt: features (stem, stages, downsamplings), global average pool, LayerNorm2d-Flatten-Linear classifier. */
export class ConvNeXt extends nn.Module {
  /** The 4x4 stride-4 patchify stem, one Sequential of CNBlocks per stage, and a LayerNorm2d and 2x2 stride-2 conv after each stage but the last. */
  features: nn.Sequential;
  /** Global average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** LayerNorm2d, Flatten, then Linear to numClasses. */
  classifier: nn.Sequential;

  constructor(setting: readonly CNBlockConfig[], { stochasticDepthProb = 0, layerScale = 1e-6, numClasses = 1000 }: ConvNeXtOptions = {}) {
    super();
    if (setting.length === 0) throw new ValueError('ConvNeXt: the block setting should not be empty');
    const normLayer = (c: number) => new LayerNorm2d(c, { eps: 1e-6 });
    const layers: nn.Module[] = [new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 4, stride: 4, padding: 0, normLayer, activationLayer: null, bias: true })];
    const total = setting.reduce((n, c) => n + c.numLayers, 0);
    let id = 0;
    for (const cnf of setting) {
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) stage.push(new CNBlock(cnf.inputChannels, layerScale, (stochasticDepthProb * id++) / (total - 1)));
      layers.push(new nn.Sequential(...stage));
      if (cnf.outChannels !== null) layers.push(new nn.Sequential(normLayer(cnf.inputChannels), new nn.Conv2d(cnf.inputChannels, cnf.outChannels, 2, { stride: 2 })));
    }
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    const last = setting[setting.length - 1];
    const lastOut = last.outChannels ?? last.inputChannels;
    this.classifier = new nn.Sequential(normLayer(lastOut), new nn.Flatten(1), new nn.Linear(lastOut, numClasses));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, 0, 0.02);
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.avgpool.forward(this.features.forward(x) as Tensor)) as Tensor;
  }
}

const stages = (c: number[], depths: number[]): CNBlockConfig[] => c.map((ch, i) => ({ inputChannels: ch, outChannels: c[i + 1] ?? null, numLayers: depths[i] }));
const convnext = (setting: CNBlockConfig[], sd: number) => (o: ConvNeXtOptions = {}) => new ConvNeXt(setting, { stochasticDepthProb: sd, ...o });

/** ConvNeXt-T: channels 96-768, depths [3, 3, 9, 3]. */
export const convnext_tiny = convnext(stages([96, 192, 384, 768], [3, 3, 9, 3]), 0.1);
/** ConvNeXt-S: channels 96-768, depths [3, 3, 27, 3]. */
export const convnext_small = convnext(stages([96, 192, 384, 768], [3, 3, 27, 3]), 0.4);
/** ConvNeXt-B: channels 128-1024, depths [3, 3, 27, 3]. */
export const convnext_base = convnext(stages([128, 256, 512, 1024], [3, 3, 27, 3]), 0.5);
/** ConvNeXt-L: channels 192-1536, depths [3, 3, 27, 3]. */
export const convnext_large = convnext(stages([192, 384, 768, 1536], [3, 3, 27, 3]), 0.5);
