/**
 * Swin Transformer V2 (Liu et al., 2022) as torchvision.models.swin_transformer builds it: the V1
 * network with cosine window attention scaled by a learned per-head logit scale, a relative
 * position bias computed by a small MLP (cpb_mlp) from log-spaced relative coordinates, norms
 * after the attention and the MLP (res-post-norm), and PatchMergingV2 norming after its reduction.
 */
import { ones, tensor, Tensor } from '@cresset/autograd';
import * as nn from '@cresset/nn';
import type { NormLayer } from './ops_misc';
import {
  patchMergingPad, ShiftedWindowAttention, ShiftedWindowAttentionLayerOptions, shiftedWindowAttention, SwinOptions, SwinTransformer, SwinTransformerBlock, SwinTransformerBlockOptions,
} from './swin_transformer';

/** Swin V2's downsampling: 2x2 neighbouring patches concatenated, projected from 4C to 2C, then normed. */
export class PatchMergingV2 extends nn.Module {
  /** Linear 4C to 2C without bias. */
  reduction: nn.Linear;
  /** Norm over the 2C reduced channels. */
  norm: nn.Module;

  /** @param dim Channels of the input. */
  constructor(readonly dim: number, normLayer: NormLayer = (c) => new nn.LayerNorm(c)) {
    super();
    this.reduction = new nn.Linear(4 * dim, 2 * dim, false);
    this.norm = normLayer(2 * dim);
  }

  /** x [..., H, W, C] to [..., ceil(H/2), ceil(W/2), 2C]. */
  forward(x: Tensor): Tensor {
    return this.norm.forward(this.reduction.forward(patchMergingPad(x))) as Tensor;
  }
}

/**
 * The relative coordinates of a window, [1, 2 ws0 - 1, 2 ws1 - 1, 2], each scaled to [-8, 8] and
 * mapped by sign(t) log2(|t| + 1) / 3, in float32 steps as torchvision computes them.
 */
function relativeCoordsTable([w0, w1]: readonly number[]): Tensor {
  const f = Math.fround;
  const h = 2 * w0 - 1;
  const w = 2 * w1 - 1;
  const out = new Float32Array(h * w * 2);
  const scaled = (d: number, size: number) => {
    const t = f(f(d / (size - 1)) * 8);
    return f(f(Math.sign(t) * f(Math.log2(f(Math.abs(t) + 1)))) / 3);
  };
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      out[(i * w + j) * 2] = scaled(i - (w0 - 1), w0);
      out[(i * w + j) * 2 + 1] = scaled(j - (w1 - 1), w1);
    }
  }
  return tensor(out, { shape: [1, h, w, 2] });
}

/** Swin V2's window attention: cosine scores times a learned logit scale, plus 16 sigmoid(cpb_mlp(relative coordinates)). */
export class ShiftedWindowAttentionV2 extends ShiftedWindowAttention {
  /** Per-head log of the cosine scores' scale, [heads, 1, 1], log(10) at first. */
  declare logit_scale: nn.Parameter;
  /** Linear 2 to 512, ReLU, Linear 512 to heads without bias: the bias of each relative offset. */
  declare cpb_mlp: nn.Sequential;
  /** Buffer: the log-spaced relative coordinates cpb_mlp reads, [1, 2 ws0 - 1, 2 ws1 - 1, 2]. */
  declare readonly relative_coords_table: Tensor;

  /** @param numHeads Attention heads; dim must be a multiple of it. */
  constructor(dim: number, windowSize: readonly number[], shiftSize: readonly number[], numHeads: number, o: ShiftedWindowAttentionLayerOptions = {}) {
    super(dim, windowSize, shiftSize, numHeads, o);
    this.logit_scale = new nn.Parameter(ones([numHeads, 1, 1]).mul(10).log());
    this.cpb_mlp = new nn.Sequential(new nn.Linear(2, 512, true), new nn.ReLU({ inplace: true }), new nn.Linear(512, numHeads, false));
    const bias = this.qkv.bias;
    if (bias) {
      const len = Math.floor(bias.numel() / 3);
      nn.init.zeros_(bias.detach().narrow(0, len, len));
    }
  }

  /** Registers relative_coords_table in place of V1's learned table (torchvision's define_relative_position_bias_table). */
  protected override defineRelativePositionBiasTable(): void {
    this.registerBuffer('relative_coords_table', relativeCoordsTable(this.windowSize));
  }

  /** 16 sigmoid(cpb_mlp(relative_coords_table)) at each pair of window positions, [1, heads, N, N]. */
  override relativePositionBias(): Tensor {
    const table = (this.cpb_mlp.forward(this.relative_coords_table) as Tensor).view(-1, this.numHeads);
    return this.gatherRelativePositionBias(table).sigmoid().mul(16);
  }

  /** x [B, H, W, C] to the same shape. */
  override forward(x: Tensor): Tensor {
    return shiftedWindowAttention(x, this.qkv.weight, this.proj.weight, this.relativePositionBias(), this.windowSize, this.numHeads, this.shiftSize, {
      attentionDropout: this.attentionDropout, dropout: this.dropout, qkvBias: this.qkv.bias, projBias: this.proj.bias, logitScale: this.logit_scale,
    });
  }
}

/** Swin V2's block: x + StochasticDepth(norm1(attention(x))), then that plus StochasticDepth(norm2(MLP(that))). */
export class SwinTransformerBlockV2 extends SwinTransformerBlock {
  constructor(dim: number, numHeads: number, windowSize: readonly number[], shiftSize: readonly number[], o: SwinTransformerBlockOptions = {}) {
    super(dim, numHeads, windowSize, shiftSize, { attnLayer: ShiftedWindowAttentionV2, ...o });
  }

  /** x [B, H, W, C] to the same shape. */
  override forward(x: Tensor): Tensor {
    const y = x.add(this.stochastic_depth.forward(this.norm1.forward(this.attn.forward(x)) as Tensor));
    return y.add(this.stochastic_depth.forward(this.norm2.forward(this.mlp.forward(y)) as Tensor));
  }
}

const swinV2 = (embedDim: number, depths: number[], numHeads: number[], stochasticDepthProb: number) =>
  (o: SwinOptions = {}) => new SwinTransformer({ patchSize: [4, 4], embedDim, depths, numHeads, windowSize: [8, 8], stochasticDepthProb, block: SwinTransformerBlockV2, downsampleLayer: PatchMergingV2, ...o });

/** Swin-V2-T: width 96, depths [2, 2, 6, 2], heads [3, 6, 12, 24], 8x8 windows, stochastic depth 0.2. */
export const swin_v2_t = swinV2(96, [2, 2, 6, 2], [3, 6, 12, 24], 0.2);
/** Swin-V2-S: width 96, depths [2, 2, 18, 2], heads [3, 6, 12, 24], 8x8 windows, stochastic depth 0.3. */
export const swin_v2_s = swinV2(96, [2, 2, 18, 2], [3, 6, 12, 24], 0.3);
/** Swin-V2-B: width 128, depths [2, 2, 18, 2], heads [4, 8, 16, 32], 8x8 windows, stochastic depth 0.5. */
export const swin_v2_b = swinV2(128, [2, 2, 18, 2], [4, 8, 16, 32], 0.5);
