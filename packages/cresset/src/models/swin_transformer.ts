/**
 * Swin Transformers (Liu et al., 2021) as torchvision.models.swin_transformer builds them (V1;
 * swin_transformer_v2.ts holds V2's block and merging, which SwinTransformer takes as options):
 * a 4x4 patch embedding, stages of SwinTransformerBlocks doing multi-head self-attention within
 * (alternately shifted) windows with a learned relative position bias, PatchMerging between
 * stages, LayerNorm, global average pool and a Linear head; channels-last [N, H, W, C] inside.
 */
import { cat, tensor, Tensor, zeros } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import * as nn from '@cresset/nn';
import { Permute } from './convnext';
import { MLP, NormLayer } from './ops_misc';
import { StochasticDepth } from './stochastic_depth';

/** x [..., H, W, C] zero-padded to even H and W, its 2x2 neighbours concatenated: [..., H/2, W/2, 4C] (torchvision's _patch_merging_pad). */
export function patchMergingPad(x: Tensor): Tensor {
  const [h, w] = x.shape.slice(-3, -1);
  const p = nn.functional.pad(x, [0, 0, 0, w % 2, 0, h % 2]);
  const at = (i: string, j: string) => p.index('...', i, j, ':');
  return cat([at('0::2', '0::2'), at('1::2', '0::2'), at('0::2', '1::2'), at('1::2', '1::2')], -1);
}

/** Swin's downsampling: 2x2 neighbouring patches concatenated, normed, and projected from 4C to 2C. */
export class PatchMerging extends nn.Module {
  /** Linear 4C to 2C without bias. */
  reduction: nn.Linear;
  /** Norm over the 4C concatenated channels. */
  norm: nn.Module;

  /** @param dim Channels of the input. */
  constructor(readonly dim: number, normLayer: NormLayer = (c) => new nn.LayerNorm(c)) {
    super();
    this.reduction = new nn.Linear(4 * dim, 2 * dim, false);
    this.norm = normLayer(4 * dim);
  }

  /** x [..., H, W, C] to [..., ceil(H/2), ceil(W/2), 2C]. */
  forward(x: Tensor): Tensor {
    return this.reduction.forward(this.norm.forward(patchMergingPad(x)) as Tensor);
  }
}

/** The end of a Python slice [start:stop] of a dim of size n (null: open; negative: from the end). */
const sliceBound = (v: number | null, n: number, open: number) => (v === null ? open : v < 0 ? Math.max(0, v + n) : Math.min(v, n));

/**
 * The additive mask of shifted windows, [numWindows, ws0*ws1, ws0*ws1]: -100 between positions of
 * a window that came from different regions of the rolled image, 0 within a region (torchvision's).
 */
function shiftedWindowMask(padH: number, padW: number, windowSize: readonly number[], shiftSize: readonly number[]): Tensor {
  const [w0, w1] = windowSize;
  const region = new Int32Array(padH * padW);
  const slices = (w: number, s: number) => [[0, -w], [-w, -s], [-s, null]] as const;
  let count = 0;
  for (const [h0, h1] of slices(w0, shiftSize[0])) {
    for (const [c0, c1] of slices(w1, shiftSize[1])) {
      for (let i = sliceBound(h0, padH, 0); i < sliceBound(h1, padH, padH); i++) {
        for (let j = sliceBound(c0, padW, 0); j < sliceBound(c1, padW, padW); j++) region[i * padW + j] = count;
      }
      count++;
    }
  }
  const nh = padH / w0;
  const nw = padW / w1;
  const n = w0 * w1;
  const mask = new Float32Array(nh * nw * n * n);
  for (let wi = 0; wi < nh; wi++) {
    for (let wj = 0; wj < nw; wj++) {
      const id = (k: number) => region[(wi * w0 + Math.floor(k / w1)) * padW + wj * w1 + (k % w1)];
      const base = (wi * nw + wj) * n * n;
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) mask[base + a * n + b] = id(b) - id(a) !== 0 ? -100 : 0;
    }
  }
  return tensor(mask, { shape: [nh * nw, n, n] });
}

/** shiftedWindowAttention's optional arguments. */
export interface ShiftedWindowAttentionOptions {
  /** Dropout probability of the attention weights (0). */
  attentionDropout?: number;
  /** Dropout probability of the output (0). */
  dropout?: number;
  /** Bias of the q, k, v projection [3C], or null. */
  qkvBias?: Tensor | null;
  /** Bias of the output projection [C], or null. */
  projBias?: Tensor | null;
  /** Swin V2's per-head logit scale [heads, 1, 1]: cosine attention scaled by exp(min(logitScale, log 100)), and no key bias. */
  logitScale?: Tensor | null;
}

/**
 * Window multi-head self-attention with relative position bias, shifted or not (torchvision's
 * shifted_window_attention): input [B, H, W, C] is padded to whole windows, rolled
 * back by shiftSize, split into windows of windowSize; within each, softmax(q k^T / sqrt(C / heads)
 * + relativePositionBias [1, heads, N, N] + the shifted-window mask) v, projected, and put back.
 * With logitScale (Swin V2) the scores are cosine similarities of q and k times exp(min(logitScale,
 * log 100)), and the middle (key) third of qkvBias is left out. As in torchvision, both dropouts
 * are F.dropout's default (applied in eval mode too when p > 0).
 */
export function shiftedWindowAttention(input: Tensor, qkvWeight: Tensor, projWeight: Tensor, relativePositionBias: Tensor, windowSize: readonly number[], numHeads: number, shiftSize: readonly number[], o: ShiftedWindowAttentionOptions = {}): Tensor {
  if (input.ndim !== 4) throw new ShapeError(`shifted_window_attention: expected input [B, H, W, C], got [${input.shape.join(', ')}]`);
  const [B, H, W, C] = input.shape;
  const [w0, w1] = windowSize;
  const padR = (w1 - (W % w1)) % w1;
  const padB = (w0 - (H % w0)) % w0;
  let x = nn.functional.pad(input, [0, 0, 0, padR, 0, padB]);
  const [, padH, padW] = x.shape;
  const shift = [w0 >= padH ? 0 : shiftSize[0], w1 >= padW ? 0 : shiftSize[1]];
  const shifted = shift[0] + shift[1] > 0;
  if (shifted) x = x.roll([-shift[0], -shift[1]], [1, 2]);
  const numWindows = (padH / w0) * (padW / w1);
  x = x.view(B, padH / w0, w0, padW / w1, w1, C).permute(0, 1, 3, 2, 4, 5).reshape(B * numWindows, w0 * w1, C);
  const [bw, n] = x.shape;
  const headDim = Math.floor(C / numHeads);
  const logitScale = o.logitScale ?? null;
  let qkvBias = o.qkvBias ?? null;
  if (logitScale && qkvBias) {
    const len = Math.floor(qkvBias.numel() / 3);
    qkvBias = cat([qkvBias.narrow(0, 0, len), zeros([len], { dtype: qkvBias.dtype }), qkvBias.narrow(0, 2 * len, qkvBias.numel() - 2 * len)]);
  }
  const qkv = nn.functional.linear(x, qkvWeight, qkvBias).reshape(bw, n, 3, numHeads, headDim).permute(2, 0, 3, 1, 4);
  const [q, k, v] = [0, 1, 2].map((i) => qkv.select(0, i));
  let attn = logitScale
    ? nn.functional.normalize(q, { dim: -1 }).matmul(nn.functional.normalize(k, { dim: -1 }).transpose(-2, -1)).mul(logitScale.clamp(null, Math.log(100)).exp())
    : q.mul(headDim ** -0.5).matmul(k.transpose(-2, -1));
  attn = attn.add(relativePositionBias);
  if (shifted) {
    const mask = shiftedWindowMask(padH, padW, windowSize, shift);
    attn = attn.view(bw / numWindows, numWindows, numHeads, n, n).add(mask.unsqueeze(1).unsqueeze(0)).view(-1, numHeads, n, n);
  }
  attn = nn.functional.dropout(attn.softmax(-1), o.attentionDropout ?? 0);
  x = attn.matmul(v).transpose(1, 2).reshape(bw, n, C);
  x = nn.functional.dropout(nn.functional.linear(x, projWeight, o.projBias ?? null), o.dropout ?? 0);
  x = x.view(B, padH / w0, padW / w1, w0, w1, C).permute(0, 1, 3, 2, 4, 5).reshape(B, padH, padW, C);
  if (shifted) x = x.roll([shift[0], shift[1]], [1, 2]);
  return x.index(':', `:${H}`, `:${W}`, ':').contiguous();
}

/** The flat index into the bias table of each pair of positions in a window, [(w0*w1)^2] int64. */
function relativePositionIndex([w0, w1]: readonly number[]): Tensor {
  const n = w0 * w1;
  const out = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const dh = Math.floor(a / w1) - Math.floor(b / w1) + w0 - 1;
      const dw = (a % w1) - (b % w1) + w1 - 1;
      out[a * n + b] = dh * (2 * w1 - 1) + dw;
    }
  }
  return tensor(out, { dtype: 'int64' });
}

/** ShiftedWindowAttention's arguments beyond dim, window, shift and heads, with torchvision's defaults. */
export interface ShiftedWindowAttentionLayerOptions {
  /** Whether the q, k, v projection has a bias (true). */
  qkvBias?: boolean;
  /** Whether the output projection has a bias (true). */
  projBias?: boolean;
  /** Dropout probability of the attention weights (0). */
  attentionDropout?: number;
  /** Dropout probability of the output (0). */
  dropout?: number;
}

/**
 * The layer form of shiftedWindowAttention, with its projections and relative position bias table
 * (defineRelativePositionBiasTable, which Swin V2 replaces, as torchvision's subclassing does).
 */
export class ShiftedWindowAttention extends nn.Module {
  /** Height and width of the windows. */
  readonly windowSize: readonly number[];
  /** How far the windows are shifted down and right (0 for unshifted windows). */
  readonly shiftSize: readonly number[];
  /** Dropout probability of the attention weights. */
  readonly attentionDropout: number;
  /** Dropout probability of the output. */
  readonly dropout: number;
  /** The bias of each relative offset and head, [(2 ws0 - 1)(2 ws1 - 1), heads], trunc_normal_(std 0.02); null in Swin V2, which computes it. */
  relative_position_bias_table: nn.Parameter | null = null;
  /** Linear C to 3C giving q, k and v. */
  qkv: nn.Linear;
  /** Linear C to C after the attention. */
  proj: nn.Linear;
  /** Buffer: the bias table row of each pair of window positions, [(ws0*ws1)^2]. */
  declare readonly relative_position_index: Tensor;

  /** @param numHeads Attention heads; dim must be a multiple of it. */
  constructor(dim: number, windowSize: readonly number[], shiftSize: readonly number[], readonly numHeads: number, o: ShiftedWindowAttentionLayerOptions = {}) {
    super();
    if (windowSize.length !== 2 || shiftSize.length !== 2) throw new ValueError('ShiftedWindowAttention: window_size and shift_size must be of length 2');
    this.windowSize = [...windowSize];
    this.shiftSize = [...shiftSize];
    this.attentionDropout = o.attentionDropout ?? 0;
    this.dropout = o.dropout ?? 0;
    this.qkv = new nn.Linear(dim, dim * 3, o.qkvBias ?? true);
    this.proj = new nn.Linear(dim, dim, o.projBias ?? true);
    this.defineRelativePositionBiasTable();
    this.registerBuffer('relative_position_index', relativePositionIndex(windowSize));
  }

  /** Makes relative_position_bias_table (torchvision's define_relative_position_bias_table). */
  protected defineRelativePositionBiasTable(): void {
    const [w0, w1] = this.windowSize;
    this.relative_position_bias_table = new nn.Parameter(zeros([(2 * w0 - 1) * (2 * w1 - 1), this.numHeads]));
    nn.init.truncNormal_(this.relative_position_bias_table, 0, 0.02);
  }

  /** table [(2 ws0 - 1)(2 ws1 - 1), heads] read at each pair of window positions: [1, heads, N, N] for N = ws0*ws1. */
  protected gatherRelativePositionBias(table: Tensor): Tensor {
    const n = this.windowSize[0] * this.windowSize[1];
    return table.index(this.relative_position_index).view(n, n, -1).permute(2, 0, 1).contiguous().unsqueeze(0);
  }

  /** The bias added to each head's attention scores, [1, heads, N, N] for N = ws0*ws1 positions. */
  relativePositionBias(): Tensor {
    return this.gatherRelativePositionBias(this.relative_position_bias_table!);
  }

  /** x [B, H, W, C] to the same shape. */
  forward(x: Tensor): Tensor {
    return shiftedWindowAttention(x, this.qkv.weight, this.proj.weight, this.relativePositionBias(), this.windowSize, this.numHeads, this.shiftSize, {
      attentionDropout: this.attentionDropout, dropout: this.dropout, qkvBias: this.qkv.bias, projBias: this.proj.bias,
    });
  }
}

/** SwinTransformerBlock's arguments beyond dim, heads, window and shift, with torchvision's defaults. */
export interface SwinTransformerBlockOptions {
  /** Hidden width of the MLP over dim (4). */
  mlpRatio?: number;
  /** Dropout probability of the attention output and the MLP (0). */
  dropout?: number;
  /** Dropout probability of the attention weights (0). */
  attentionDropout?: number;
  /** Probability of dropping each residual branch in training (0). */
  stochasticDepthProb?: number;
  /** Norm before the attention and before the MLP (LayerNorm). */
  normLayer?: NormLayer;
  /** The attention layer's class (ShiftedWindowAttention). */
  attnLayer?: AttentionLayer;
}

/** A window attention class, constructed as ShiftedWindowAttention is. */
export type AttentionLayer = new (dim: number, windowSize: readonly number[], shiftSize: readonly number[], numHeads: number, o: ShiftedWindowAttentionLayerOptions) => ShiftedWindowAttention;

/** x + StochasticDepth(attention(norm1(x))), then that plus StochasticDepth(MLP(norm2(that))). */
export class SwinTransformerBlock extends nn.Module {
  /** Norm before the attention. */
  norm1: nn.Module;
  /** Window attention, shifted by shiftSize. */
  attn: ShiftedWindowAttention;
  /** Row-wise stochastic depth of both residual branches. */
  stochastic_depth: StochasticDepth;
  /** Norm before the MLP. */
  norm2: nn.Module;
  /** Linear to dim * mlpRatio, GELU, Dropout, Linear back, Dropout; xavier_uniform_ weights, N(0, 1e-6) biases. */
  mlp: MLP;

  constructor(dim: number, numHeads: number, windowSize: readonly number[], shiftSize: readonly number[], o: SwinTransformerBlockOptions = {}) {
    super();
    const normLayer = o.normLayer ?? ((c: number) => new nn.LayerNorm(c));
    const dropout = o.dropout ?? 0;
    this.norm1 = normLayer(dim);
    this.attn = new (o.attnLayer ?? ShiftedWindowAttention)(dim, windowSize, shiftSize, numHeads, { attentionDropout: o.attentionDropout ?? 0, dropout });
    this.stochastic_depth = new StochasticDepth(o.stochasticDepthProb ?? 0, 'row');
    this.norm2 = normLayer(dim);
    this.mlp = new MLP(dim, [Math.trunc(dim * (o.mlpRatio ?? 4)), dim], { activationLayer: nn.GELU, inplace: null, dropout });
    for (const m of this.mlp.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias) nn.init.normal_(m.bias, 0, 1e-6);
      }
    }
  }

  /** x [B, H, W, C] to the same shape. */
  forward(x: Tensor): Tensor {
    const y = x.add(this.stochastic_depth.forward(this.attn.forward(this.norm1.forward(x) as Tensor)));
    return y.add(this.stochastic_depth.forward(this.mlp.forward(this.norm2.forward(y) as Tensor) as Tensor));
  }
}

/** SwinTransformer's arguments, as torchvision's (the five shape ones are required). */
export interface SwinTransformerOptions {
  /** Height and width of the patch embedding's kernel and stride, [ph, pw]. */
  patchSize: readonly number[];
  /** Channels of the first stage (doubling each stage after). */
  embedDim: number;
  /** SwinTransformerBlocks per stage. */
  depths: readonly number[];
  /** Attention heads per stage. */
  numHeads: readonly number[];
  /** Height and width of the attention windows, [wh, ww]. */
  windowSize: readonly number[];
  /** Hidden width of the MLPs over their input width (4). */
  mlpRatio?: number;
  /** Dropout probability (0). */
  dropout?: number;
  /** Dropout probability of the attention weights (0). */
  attentionDropout?: number;
  /** Stochastic depth probability of the last block, growing linearly from 0 at the first (0.1). */
  stochasticDepthProb?: number;
  /** Outputs of the head (1000). */
  numClasses?: number;
  /** Norm layer throughout (LayerNorm with eps 1e-5). */
  normLayer?: NormLayer;
  /** The block class (SwinTransformerBlock). */
  block?: SwinBlockClass;
  /** The downsampling between stages (PatchMerging). */
  downsampleLayer?: DownsampleClass;
}

/** A downsampling class, constructed as PatchMerging is: the input's channels and the norm layer. */
export type DownsampleClass = new (dim: number, normLayer: NormLayer) => nn.Module;

/** A Swin block class, constructed as SwinTransformerBlock is. */
export type SwinBlockClass = new (dim: number, numHeads: number, windowSize: readonly number[], shiftSize: readonly number[], o: SwinTransformerBlockOptions) => nn.Module;

/** The builders' options: SwinTransformer's but the shape ones. */
export type SwinOptions = Partial<Omit<SwinTransformerOptions, 'patchSize' | 'embedDim' | 'depths' | 'numHeads' | 'windowSize' | 'block' | 'downsampleLayer'>>;

/** torchvision.models.SwinTransformer: images [N, 3, H, W] (any size) to logits [N, numClasses]. */
export class SwinTransformer extends nn.Module {
  /** Outputs of the head. */
  readonly numClasses: number;
  /** The patch embedding (Conv2d, Permute to NHWC, norm), then each stage's blocks and a PatchMerging between stages. */
  features: nn.Sequential;
  /** Norm of the last stage's output. */
  norm: nn.Module;
  /** NHWC to NCHW. */
  permute: Permute;
  /** Global average pool to 1x1. */
  avgpool: nn.AdaptiveAvgPool2d;
  /** [N, C, 1, 1] to [N, C]. */
  flatten: nn.Flatten;
  /** Linear to numClasses. */
  head: nn.Linear;

  constructor(o: SwinTransformerOptions) {
    super();
    const { patchSize, embedDim, depths, numHeads, windowSize } = o;
    this.numClasses = o.numClasses ?? 1000;
    const normLayer = o.normLayer ?? ((c: number) => new nn.LayerNorm(c, { eps: 1e-5 }));
    const sdProb = o.stochasticDepthProb ?? 0.1;
    const Block = o.block ?? SwinTransformerBlock;
    const Downsample: DownsampleClass = o.downsampleLayer ?? PatchMerging;
    const layers: nn.Module[] = [new nn.Sequential(
      new nn.Conv2d(3, embedDim, [patchSize[0], patchSize[1]], { stride: [patchSize[0], patchSize[1]] }),
      new Permute([0, 2, 3, 1]),
      normLayer(embedDim),
    )];
    const total = depths.reduce((a, b) => a + b, 0);
    let id = 0;
    depths.forEach((depth, s) => {
      const dim = embedDim * 2 ** s;
      const stage: nn.Module[] = [];
      for (let i = 0; i < depth; i++) {
        stage.push(new Block(dim, numHeads[s], windowSize, windowSize.map((w) => (i % 2 === 0 ? 0 : Math.floor(w / 2))), {
          mlpRatio: o.mlpRatio, dropout: o.dropout, attentionDropout: o.attentionDropout, stochasticDepthProb: (sdProb * id++) / (total - 1), normLayer,
        }));
      }
      layers.push(new nn.Sequential(...stage));
      if (s < depths.length - 1) layers.push(new Downsample(dim, normLayer));
    });
    this.features = new nn.Sequential(...layers);
    const numFeatures = embedDim * 2 ** (depths.length - 1);
    this.norm = normLayer(numFeatures);
    this.permute = new Permute([0, 3, 1, 2]);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.flatten = new nn.Flatten(1);
    this.head = new nn.Linear(numFeatures, this.numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, 0, 0.02);
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }

  /** Images [N, 3, H, W] to logits [N, numClasses]. */
  forward(x: Tensor): Tensor {
    const f = this.norm.forward(this.features.forward(x)) as Tensor;
    return this.head.forward(this.flatten.forward(this.avgpool.forward(this.permute.forward(f))));
  }
}

const swin = (embedDim: number, depths: number[], numHeads: number[], stochasticDepthProb: number) =>
  (o: SwinOptions = {}) => new SwinTransformer({ patchSize: [4, 4], embedDim, depths, numHeads, windowSize: [7, 7], stochasticDepthProb, ...o });

/** Swin-T: width 96, depths [2, 2, 6, 2], heads [3, 6, 12, 24], 7x7 windows, stochastic depth 0.2. */
export const swin_t = swin(96, [2, 2, 6, 2], [3, 6, 12, 24], 0.2);
/** Swin-S: width 96, depths [2, 2, 18, 2], heads [3, 6, 12, 24], 7x7 windows, stochastic depth 0.3. */
export const swin_s = swin(96, [2, 2, 18, 2], [3, 6, 12, 24], 0.3);
/** Swin-B: width 128, depths [2, 2, 18, 2], heads [4, 8, 16, 32], 7x7 windows, stochastic depth 0.5. */
export const swin_b = swin(128, [2, 2, 18, 2], [4, 8, 16, 32], 0.5);
