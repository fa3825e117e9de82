/**
 * Vision Transformers (Dosovitskiy et al., 2020) as torchvision.models.vision_transformer builds
 * them: a patchify convolution (or a convolutional stem), a class token, a pre-norm transformer
 * encoder with learned position embeddings, and a Linear head on the class token's output; with
 * torchvision's module names, repr and initialisation order.
 */
import { cat, empty, Tensor, zeros } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { ActivationLayer, Conv2dNormActivation, MLP, NormLayer } from './ops_misc';

/** One layer of ViT's convolutional stem (Xiao et al., 2021): Conv2dNormActivation settings. */
export interface ConvStemConfig {
  /** Output channels of the layer's convolution. */
  outChannels: number;
  /** Kernel size of the convolution. */
  kernelSize: number;
  /** Stride of the convolution. */
  stride: number;
  /** Norm layer after the convolution (BatchNorm2d). */
  normLayer?: NormLayer;
  /** Activation after the norm (ReLU). */
  activationLayer?: ActivationLayer;
}

/** LayerNorm with eps 1e-6, ViT's default norm layer. */
const layerNorm6: NormLayer = (c) => new nn.LayerNorm(c, { eps: 1e-6 });

/** The transformer's MLP: Linear to mlpDim, GELU, Dropout, Linear back, Dropout; xavier_uniform_ weights, N(0, 1e-6) biases. */
export class MLPBlock extends MLP {
  constructor(inDim: number, mlpDim: number, dropout: number) {
    super(inDim, [mlpDim, inDim], { activationLayer: nn.GELU, inplace: null, dropout });
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias) nn.init.normal_(m.bias, 0, 1e-6);
      }
    }
  }
}

/** A pre-norm transformer layer: x + Dropout(SelfAttention(LN(x))), then that plus MLP(LN(that)). */
export class EncoderBlock extends nn.Module {
  /** Norm before the attention. */
  ln_1: nn.Module;
  /** Batch-first multi-head self-attention. */
  self_attention: nn.MultiheadAttention;
  /** Dropout on the attention's output. */
  dropout: nn.Dropout;
  /** Norm before the MLP. */
  ln_2: nn.Module;
  /** The MLP. */
  mlp: MLPBlock;

  /** @param numHeads Attention heads. */
  constructor(readonly numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number, normLayer: NormLayer = layerNorm6) {
    super();
    this.ln_1 = normLayer(hiddenDim);
    this.self_attention = new nn.MultiheadAttention(hiddenDim, numHeads, { dropout: attentionDropout, batchFirst: true });
    this.dropout = new nn.Dropout(dropout);
    this.ln_2 = normLayer(hiddenDim);
    this.mlp = new MLPBlock(hiddenDim, mlpDim, dropout);
  }

  /** input [N, L, hiddenDim] to the same shape. */
  forward(input: Tensor): Tensor {
    if (input.ndim !== 3) throw new ShapeError(`EncoderBlock: Expected (batch_size, seq_length, hidden_dim) got [${input.shape.join(', ')}]`);
    let x = this.ln_1.forward(input) as Tensor;
    [x] = this.self_attention.forward(x, x, x, { needWeights: false });
    x = this.dropout.forward(x).add(input);
    const y = this.mlp.forward(this.ln_2.forward(x) as Tensor) as Tensor;
    return x.add(y);
  }
}

/** The transformer encoder: add position embeddings, Dropout, the layers, a final norm. */
export class Encoder extends nn.Module {
  /** Learned position embeddings [1, seqLength, hiddenDim], drawn from N(0, 0.02). */
  pos_embedding: nn.Parameter;
  /** Dropout on the embedded input. */
  dropout: nn.Dropout;
  /** EncoderBlocks named encoder_layer_0, encoder_layer_1, ... */
  layers: nn.Sequential;
  /** Norm of the last layer's output. */
  ln: nn.Module;

  constructor(seqLength: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number, normLayer: NormLayer = layerNorm6) {
    super();
    this.pos_embedding = new nn.Parameter(empty([1, seqLength, hiddenDim]).normal_(0, 0.02));
    this.dropout = new nn.Dropout(dropout);
    const layers: Record<string, nn.Module> = {};
    for (let i = 0; i < numLayers; i++) layers[`encoder_layer_${i}`] = new EncoderBlock(numHeads, hiddenDim, mlpDim, dropout, attentionDropout, normLayer);
    this.layers = new nn.Sequential(layers);
    this.ln = normLayer(hiddenDim);
  }

  /** input [N, seqLength, hiddenDim] to the same shape. */
  forward(input: Tensor): Tensor {
    if (input.ndim !== 3) throw new ShapeError(`Encoder: Expected (batch_size, seq_length, hidden_dim) got [${input.shape.join(', ')}]`);
    return this.ln.forward(this.layers.forward(this.dropout.forward(input.add(this.pos_embedding)))) as Tensor;
  }
}

/** VisionTransformer's arguments, as torchvision's (the five shape ones are required). */
export interface VisionTransformerOptions {
  /** Height and width of the square input images; a multiple of patchSize. */
  imageSize: number;
  /** Height and width of each square patch. */
  patchSize: number;
  /** Number of EncoderBlocks. */
  numLayers: number;
  /** Attention heads per block. */
  numHeads: number;
  /** Width of the tokens. */
  hiddenDim: number;
  /** Hidden width of each block's MLP. */
  mlpDim: number;
  /** Dropout probability of the embeddings, attention outputs and MLPs (0). */
  dropout?: number;
  /** Dropout probability of the attention weights (0). */
  attentionDropout?: number;
  /** Outputs of the head (1000). */
  numClasses?: number;
  /** When set, a Linear to this width and Tanh (pre_logits, act) before the head. */
  representationSize?: number | null;
  /** The encoder's norm layer (LayerNorm with eps 1e-6). */
  normLayer?: NormLayer;
  /** A convolutional stem in place of the patchify convolution, ending in a 1x1 conv to hiddenDim. */
  convStemConfigs?: readonly ConvStemConfig[] | null;
}

/** The builders' options: VisionTransformer's but the shape ones, and imageSize (224) optional. */
export type ViTOptions = Partial<Omit<VisionTransformerOptions, 'patchSize' | 'numLayers' | 'numHeads' | 'hiddenDim' | 'mlpDim'>>;

/** torchvision.models.VisionTransformer: images [N, 3, imageSize, imageSize] to logits [N, numClasses]. */
export class VisionTransformer extends nn.Module {
  /** Height and width of the images it takes. */
  readonly imageSize: number;
  /** Height and width of each patch. */
  readonly patchSize: number;
  /** Width of the tokens. */
  readonly hiddenDim: number;
  /** Hidden width of each block's MLP. */
  readonly mlpDim: number;
  /** Dropout probability of the attention weights. */
  readonly attentionDropout: number;
  /** Dropout probability of the embeddings, attention outputs and MLPs. */
  readonly dropout: number;
  /** Outputs of the head. */
  readonly numClasses: number;
  /** Width of the pre_logits layer, or null without one. */
  readonly representationSize: number | null;
  /** Tokens in the encoder: the patches plus the class token. */
  readonly seqLength: number;
  /** The patchify Conv2d (kernel and stride patchSize), or the convolutional stem's Sequential. */
  conv_proj: nn.Module;
  /** The learned class token [1, 1, hiddenDim], zeros at first. */
  class_token: nn.Parameter;
  /** The transformer encoder. */
  encoder: Encoder;
  /** The head: Linear to numClasses, after pre_logits Linear and Tanh when representationSize is set. */
  heads: nn.Sequential;

  constructor(o: VisionTransformerOptions) {
    super();
    const { imageSize, patchSize, numLayers, numHeads, hiddenDim, mlpDim } = o;
    if (imageSize % patchSize !== 0) throw new ValueError(`VisionTransformer: Input shape indivisible by patch size! (image size ${imageSize}, patch size ${patchSize})`);
    this.imageSize = imageSize;
    this.patchSize = patchSize;
    this.hiddenDim = hiddenDim;
    this.mlpDim = mlpDim;
    this.attentionDropout = o.attentionDropout ?? 0;
    this.dropout = o.dropout ?? 0;
    this.numClasses = o.numClasses ?? 1000;
    this.representationSize = o.representationSize ?? null;
    const normLayer = o.normLayer ?? layerNorm6;
    const stem = o.convStemConfigs ?? null;
    let convLast: nn.Conv2d | null = null;
    if (stem) {
      const layers: Record<string, nn.Module> = {};
      let prev = 3;
      stem.forEach((c, i) => {
        layers[`conv_bn_relu_${i}`] = new Conv2dNormActivation(prev, c.outChannels, { kernelSize: c.kernelSize, stride: c.stride, normLayer: c.normLayer, activationLayer: c.activationLayer });
        prev = c.outChannels;
      });
      convLast = new nn.Conv2d(prev, hiddenDim, 1);
      layers.conv_last = convLast;
      this.conv_proj = new nn.Sequential(layers);
    } else {
      this.conv_proj = new nn.Conv2d(3, hiddenDim, patchSize, { stride: patchSize });
    }
    this.class_token = new nn.Parameter(zeros([1, 1, hiddenDim]));
    this.seqLength = (imageSize / patchSize) ** 2 + 1;
    this.encoder = new Encoder(this.seqLength, numLayers, numHeads, hiddenDim, mlpDim, this.dropout, this.attentionDropout, normLayer);
    const rep = this.representationSize;
    const preLogits = rep === null ? null : new nn.Linear(hiddenDim, rep);
    const act = preLogits ? new nn.Tanh() : null;
    const head = new nn.Linear(rep ?? hiddenDim, this.numClasses);
    this.heads = new nn.Sequential(preLogits && act ? { pre_logits: preLogits, act, head } : { head });

    if (this.conv_proj instanceof nn.Conv2d) {
      const fanIn = 3 * patchSize * patchSize;
      nn.init.truncNormal_(this.conv_proj.weight, 0, Math.sqrt(1 / fanIn));
      if (this.conv_proj.bias) nn.init.zeros_(this.conv_proj.bias);
    } else if (convLast) {
      nn.init.normal_(convLast.weight, 0, Math.sqrt(2 / hiddenDim));
      if (convLast.bias) nn.init.zeros_(convLast.bias);
    }
    if (preLogits) {
      nn.init.truncNormal_(preLogits.weight, 0, Math.sqrt(1 / hiddenDim));
      nn.init.zeros_(preLogits.bias!);
    }
    nn.init.zeros_(head.weight);
    nn.init.zeros_(head.bias!);
  }

  /** Images [N, 3, imageSize, imageSize] to patch tokens [N, (imageSize / patchSize)^2, hiddenDim]. */
  processInput(x: Tensor): Tensor {
    if (x.ndim !== 4) throw new ShapeError(`VisionTransformer: expected images [N, C, H, W], got [${x.shape.join(', ')}]`);
    const [n, , h, w] = x.shape;
    if (h !== this.imageSize) throw new ShapeError(`VisionTransformer: Wrong image height! Expected ${this.imageSize} but got ${h}!`);
    if (w !== this.imageSize) throw new ShapeError(`VisionTransformer: Wrong image width! Expected ${this.imageSize} but got ${w}!`);
    const p = this.patchSize;
    const y = this.conv_proj.forward(x) as Tensor;
    return y.reshape(n, this.hiddenDim, (h / p) * (w / p)).permute(0, 2, 1);
  }

  /** Images [N, 3, imageSize, imageSize] to logits [N, numClasses], read from the class token. */
  forward(x: Tensor): Tensor {
    const tokens = this.processInput(x);
    const n = tokens.shape[0];
    const encoded = this.encoder.forward(cat([this.class_token.expand(n, -1, -1), tokens], 1));
    return this.heads.forward(encoded.select(1, 0)) as Tensor;
  }
}

const vit = (patchSize: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number) =>
  ({ imageSize = 224, ...o }: ViTOptions = {}) => new VisionTransformer({ imageSize, patchSize, numLayers, numHeads, hiddenDim, mlpDim, ...o });

/** ViT-B/16: 16x16 patches, 12 layers, 12 heads, width 768, MLP 3072; imageSize 224 by default. */
export const vit_b_16 = vit(16, 12, 12, 768, 3072);
/** ViT-B/32: 32x32 patches, 12 layers, 12 heads, width 768, MLP 3072; imageSize 224 by default. */
export const vit_b_32 = vit(32, 12, 12, 768, 3072);
/** ViT-L/16: 16x16 patches, 24 layers, 16 heads, width 1024, MLP 4096; imageSize 224 by default. */
export const vit_l_16 = vit(16, 24, 16, 1024, 4096);
/** ViT-L/32: 32x32 patches, 24 layers, 16 heads, width 1024, MLP 4096; imageSize 224 by default. */
export const vit_l_32 = vit(32, 24, 16, 1024, 4096);
/** ViT-H/14: 14x14 patches, 32 layers, 16 heads, width 1280, MLP 5120; imageSize 224 by default. */
export const vit_h_14 = vit(14, 32, 16, 1280, 5120);

/**
 * A ViT state dict with its position embeddings resized for images of imageSize in patches of
 * patchSize (torchvision's interpolate_embeddings): the class token's embedding kept, the patch
 * grid's interpolated (bicubic, align_corners, by default); with resetHeads the heads' entries are
 * left out. The result is a new object holding the other entries' tensors; a state dict whose
 * embeddings already fit is returned as it is.
 */
export function interpolateEmbeddings(imageSize: number, patchSize: number, modelState: nn.StateDict, interpolationMode: nn.functional.InterpolateMode = 'bicubic', resetHeads = false): nn.StateDict {
  const pos = modelState['encoder.pos_embedding'];
  if (!pos) throw new ValueError('interpolate_embeddings: the state dict has no encoder.pos_embedding');
  const [n, seqLength, hiddenDim] = pos.shape;
  if (pos.ndim !== 3 || n !== 1) throw new ValueError(`interpolate_embeddings: Unexpected position embedding shape: [${pos.shape.join(', ')}]`);
  const side = Math.floor(imageSize / patchSize);
  if (side * side + 1 === seqLength) return modelState;
  const oldSide = Math.trunc(Math.sqrt(seqLength - 1));
  if (oldSide * oldSide !== seqLength - 1) throw new ValueError(`interpolate_embeddings: seq_length is not a perfect square! Instead got seq_length_1d * seq_length_1d = ${oldSide * oldSide} and seq_length = ${seqLength - 1}`);
  const grid = pos.narrow(1, 1, seqLength - 1).permute(0, 2, 1).reshape(1, hiddenDim, oldSide, oldSide);
  const resized = nn.functional.interpolate(grid, { size: side, mode: interpolationMode, alignCorners: true }).reshape(1, hiddenDim, side * side).permute(0, 2, 1);
  const out: nn.StateDict = { ...modelState, 'encoder.pos_embedding': cat([pos.narrow(1, 0, 1), resized], 1) };
  if (resetHeads) for (const k of Object.keys(out)) if (k.startsWith('heads')) delete out[k];
  return out;
}
