/**
 * nn.MultiheadAttention with PyTorch 1.13's parameters (in_proj_weight [3E, E] or q/k/v_proj_weight
 * when kdim / vdim differ, in_proj_bias [3E], bias_k / bias_v [1, 1, E], out_proj), its init
 * (out_proj's Linear init, then xavier_uniform_ of the in-projection, zero biases, xavier_normal_
 * of bias_k / bias_v) and its forward (F.multi_head_attention_forward, batch_first transposes).
 */
import { empty, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { multiHeadAttentionForward, MultiHeadAttentionOptions } from '../functional/attention';
import { constant_, xavierNormal_, xavierUniform_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs } from '../utils';
import { Linear } from './linear';

/** The out-projection Linear of MultiheadAttention, under PyTorch's class name. */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface MultiheadAttentionOptions {
  embedDim: number;
  numHeads: number;
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  addZeroAttn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batchFirst?: boolean;
  dtype?: 'float32' | 'float64';
}

/** The per-call options of MultiheadAttention.forward (PyTorch's keyword arguments). */
export type MultiheadAttentionCall = Pick<MultiHeadAttentionOptions, 'keyPaddingMask' | 'needWeights' | 'attnMask' | 'averageAttnWeights'>;

export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly numHeads: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly headDim: number;
  readonly addZeroAttn: boolean;
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  out_proj: NonDynamicallyQuantizableLinear;
  bias_k: Parameter | null = null;
  bias_v: Parameter | null = null;

  /** new MultiheadAttention(embedDim, numHeads, dropout?, bias?, addBiasKv?, addZeroAttn?, kdim?, vdim?, batchFirst?) or with an options object. */
  constructor(...args: [MultiheadAttentionOptions] | [number, number, (number | Omit<MultiheadAttentionOptions, 'embedDim' | 'numHeads'>)?, ...unknown[]]) {
    super();
    const a = layerArgs<MultiheadAttentionOptions>('MultiheadAttention', args, ['embedDim', 'numHeads', 'dropout', 'bias', 'addBiasKv', 'addZeroAttn', 'kdim', 'vdim', 'batchFirst'], ['embedDim', 'numHeads']);
    const E = a.embedDim;
    this.embedDim = E;
    this.kdim = a.kdim ?? E;
    this.vdim = a.vdim ?? E;
    this.numHeads = a.numHeads;
    this.dropout = a.dropout ?? 0;
    this.batchFirst = a.batchFirst ?? false;
    this.headDim = Math.floor(E / a.numHeads);
    if (this.headDim * a.numHeads !== E) throw new ValueError('MultiheadAttention: embed_dim must be divisible by num_heads');
    const dtype = a.dtype ?? 'float32';
    const bias = a.bias ?? true;
    if (this.qkvSameEmbedDim) this.in_proj_weight = new Parameter(empty([3 * E, E], { dtype }));
    else {
      this.q_proj_weight = new Parameter(empty([E, E], { dtype }));
      this.k_proj_weight = new Parameter(empty([E, this.kdim], { dtype }));
      this.v_proj_weight = new Parameter(empty([E, this.vdim], { dtype }));
    }
    if (bias) this.in_proj_bias = new Parameter(empty([3 * E], { dtype }));
    this.out_proj = new NonDynamicallyQuantizableLinear(E, E, { bias, dtype });
    if (a.addBiasKv) {
      this.bias_k = new Parameter(empty([1, 1, E], { dtype }));
      this.bias_v = new Parameter(empty([1, 1, E], { dtype }));
    }
    this.addZeroAttn = a.addZeroAttn ?? false;
    this.resetParameters();
  }

  /** kdim and vdim equal embedDim: one packed in-projection weight. */
  get qkvSameEmbedDim(): boolean {
    return this.kdim === this.embedDim && this.vdim === this.embedDim;
  }

  /** PyTorch's _reset_parameters. */
  resetParameters(): void {
    if (this.in_proj_weight) xavierUniform_(this.in_proj_weight);
    else for (const p of [this.q_proj_weight!, this.k_proj_weight!, this.v_proj_weight!]) xavierUniform_(p);
    if (this.in_proj_bias) {
      constant_(this.in_proj_bias, 0);
      constant_(this.out_proj.bias!, 0);
    }
    if (this.bias_k) xavierNormal_(this.bias_k);
    if (this.bias_v) xavierNormal_(this.bias_v);
  }

  /**
   * query [L, B, E], key [S, B, kdim], value [S, B, vdim] ([B, *, *] with batchFirst; [L, E] and
   * [S, *] unbatched). Returns [output like query, weights [B, L, S] (per head [B, heads, L, S]
   * without averageAttnWeights) or null without needWeights].
   */
  forward(query: Tensor, key: Tensor, value: Tensor, opts: MultiheadAttentionCall = {}): [Tensor, Tensor | null] {
    const batched = query.ndim === 3;
    let [q, k, v] = [query, key, value];
    if (this.batchFirst && batched) {
      // keep the identities that select the packed self-attention projection
      q = query.transpose(1, 0);
      k = key === query ? q : key.transpose(1, 0);
      v = value === key ? k : value.transpose(1, 0);
    }
    const [out, weights] = multiHeadAttentionForward(q, k, v, this.numHeads, {
      inProjWeight: this.in_proj_weight, inProjBias: this.in_proj_bias,
      qProjWeight: this.q_proj_weight, kProjWeight: this.k_proj_weight, vProjWeight: this.v_proj_weight,
      biasK: this.bias_k, biasV: this.bias_v, outProjWeight: this.out_proj.weight, outProjBias: this.out_proj.bias,
    }, { ...opts, addZeroAttn: this.addZeroAttn, dropoutP: this.dropout, training: this.training });
    return [this.batchFirst && batched ? out.transpose(1, 0) : out, weights];
  }
}
