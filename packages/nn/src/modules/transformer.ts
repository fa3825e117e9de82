/**
 * nn.TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder and
 * Transformer as PyTorch 1.13 builds them: the same submodules in the same order (so the same
 * parameter names, initial values after manualSeed and reprs), post-norm or pre-norm (normFirst)
 * residual blocks, relu or gelu feed-forward activation, and stacks made of deep copies of one layer.
 */
import { isGradEnabled, Tensor, tensor, where } from '@cresset/autograd';
import { ShapeError, ValueError } from '@cresset/tensor';
import { gelu, relu } from '../functional/activation';
import { xavierUniform_ } from '../init';
import { Module } from '../module';
import { layerArgs } from '../utils';
import { MultiheadAttention } from './attention';
import { ModuleList } from './container';
import { Dropout } from './dropout';
import { Linear } from './linear';
import { LayerNorm } from './normalization';

/** The feed-forward activation: 'relu' (default), 'gelu', a function or a module. */
export type TransformerActivation = 'relu' | 'gelu' | ((x: Tensor) => Tensor) | Module;

export interface TransformerLayerOptions {
  dModel: number;
  nhead: number;
  dimFeedforward?: number;
  dropout?: number;
  activation?: TransformerActivation;
  layerNormEps?: number;
  batchFirst?: boolean;
  normFirst?: boolean;
  dtype?: 'float32' | 'float64';
}

type LayerCtor = [TransformerLayerOptions] | [number, number, (number | Omit<TransformerLayerOptions, 'dModel' | 'nhead'>)?, ...unknown[]];
const LAYER_ORDER = ['dModel', 'nhead', 'dimFeedforward', 'dropout', 'activation', 'layerNormEps', 'batchFirst', 'normFirst'] as const;

const applyActivation = (a: ((x: Tensor) => Tensor) | Module, x: Tensor) => (a instanceof Module ? (a.forward(x) as Tensor) : a(x));

/**
 * Fills a layer's submodules as PyTorch's constructors make them (the property order is the class's
 * declaration order): self_attn (and multihead_attn), linear1, dropout, linear2, norm1..n,
 * dropout1..n, then the activation.
 */
function buildLayer(layer: Module, a: TransformerLayerOptions, attentions: 1 | 2, blocks: number): void {
  const self = layer as unknown as Record<string, unknown>;
  const dtype = a.dtype ?? 'float32';
  const p = a.dropout ?? 0.1;
  const ff = a.dimFeedforward ?? 2048;
  const op = layer.constructor.name;
  for (const name of ['self_attn', 'multihead_attn'].slice(0, attentions)) self[name] = new MultiheadAttention(a.dModel, a.nhead, { dropout: p, batchFirst: a.batchFirst ?? false, dtype });
  self.linear1 = new Linear(a.dModel, ff, { dtype });
  self.dropout = new Dropout(p);
  self.linear2 = new Linear(ff, a.dModel, { dtype });
  self.normFirst = a.normFirst ?? false;
  for (let i = 1; i <= blocks; i++) self[`norm${i}`] = new LayerNorm(a.dModel, { eps: a.layerNormEps ?? 1e-5, dtype });
  for (let i = 1; i <= blocks; i++) self[`dropout${i}`] = new Dropout(p);
  self.activationKind = a.activation === undefined || a.activation === 'relu' ? 'relu' : a.activation === 'gelu' ? 'gelu' : null;
  if (a.activation === undefined || a.activation === 'relu') self.activation = (x: Tensor) => relu(x);
  else if (a.activation === 'gelu') self.activation = (x: Tensor) => gelu(x);
  else if (typeof a.activation === 'string') throw new ValueError(`${op}: activation should be relu/gelu, not ${String(a.activation)}`);
  else self.activation = a.activation;
}

/** The feed-forward block linear2(dropout(activation(linear1(x)))). */
function feedForward(l: TransformerEncoderLayer | TransformerDecoderLayer, x: Tensor): Tensor {
  return l.linear2.forward(l.dropout.forward(applyActivation(l.activation, l.linear1.forward(x))));
}

/** Self-attention, feed-forward and their norms and dropouts (attributes named as PyTorch's). */
export class TransformerEncoderLayer extends Module {
  self_attn!: MultiheadAttention;
  linear1!: Linear;
  dropout!: Dropout;
  linear2!: Linear;
  readonly normFirst!: boolean;
  norm1!: LayerNorm;
  norm2!: LayerNorm;
  dropout1!: Dropout;
  dropout2!: Dropout;
  /** 'relu' or 'gelu' when the activation is one of PyTorch's built-in ones (which its fast paths need), else null. */
  readonly activationKind!: 'relu' | 'gelu' | null;
  activation!: ((x: Tensor) => Tensor) | Module;

  /** new TransformerEncoderLayer(dModel, nhead, dimFeedforward = 2048, dropout = 0.1, activation = 'relu', layerNormEps = 1e-5, batchFirst = false, normFirst = false), or by name. */
  constructor(...args: LayerCtor) {
    super();
    buildLayer(this, layerArgs<TransformerLayerOptions>('TransformerEncoderLayer', args, LAYER_ORDER, ['dModel', 'nhead']), 1, 2);
  }

  /** src [S, B, E] ([B, S, E] with batchFirst, or [S, E]); srcMask [S, S] or [B*heads, S, S]; srcKeyPaddingMask [B, S]. */
  forward(src: Tensor, opts: { srcMask?: Tensor | null; srcKeyPaddingMask?: Tensor | null } = {}): Tensor {
    const sa = (x: Tensor) => this.dropout1.forward(this.self_attn.forward(x, x, x, { attnMask: opts.srcMask, keyPaddingMask: opts.srcKeyPaddingMask, needWeights: false })[0]);
    const ff = (x: Tensor) => this.dropout2.forward(feedForward(this, x));
    let x = src;
    if (this.normFirst) {
      x = x.add(sa(this.norm1.forward(x)));
      return x.add(ff(this.norm2.forward(x)));
    }
    x = this.norm1.forward(x.add(sa(x)));
    return this.norm2.forward(x.add(ff(x)));
  }
}

/** Self-attention, cross-attention over the memory, feed-forward, with their norms and dropouts. */
export class TransformerDecoderLayer extends Module {
  self_attn!: MultiheadAttention;
  multihead_attn!: MultiheadAttention;
  linear1!: Linear;
  dropout!: Dropout;
  linear2!: Linear;
  readonly normFirst!: boolean;
  norm1!: LayerNorm;
  norm2!: LayerNorm;
  norm3!: LayerNorm;
  dropout1!: Dropout;
  dropout2!: Dropout;
  dropout3!: Dropout;
  /** 'relu' or 'gelu' for PyTorch's built-in activations, else null. */
  readonly activationKind!: 'relu' | 'gelu' | null;
  activation!: ((x: Tensor) => Tensor) | Module;

  /** new TransformerDecoderLayer(dModel, nhead, dimFeedforward = 2048, dropout = 0.1, activation = 'relu', layerNormEps = 1e-5, batchFirst = false, normFirst = false), or by name. */
  constructor(...args: LayerCtor) {
    super();
    buildLayer(this, layerArgs<TransformerLayerOptions>('TransformerDecoderLayer', args, LAYER_ORDER, ['dModel', 'nhead']), 2, 3);
  }

  /** tgt [T, B, E], memory [S, B, E] (batchFirst: [B, *, E]); masks as MultiheadAttention's for self- and cross-attention. */
  forward(tgt: Tensor, memory: Tensor, opts: TransformerDecoderCall = {}): Tensor {
    const sa = (x: Tensor) => this.dropout1.forward(this.self_attn.forward(x, x, x, { attnMask: opts.tgtMask, keyPaddingMask: opts.tgtKeyPaddingMask, needWeights: false })[0]);
    const mha = (x: Tensor) => this.dropout2.forward(this.multihead_attn.forward(x, memory, memory, { attnMask: opts.memoryMask, keyPaddingMask: opts.memoryKeyPaddingMask, needWeights: false })[0]);
    const ff = (x: Tensor) => this.dropout3.forward(feedForward(this, x));
    let x = tgt;
    if (this.normFirst) {
      x = x.add(sa(this.norm1.forward(x)));
      x = x.add(mha(this.norm2.forward(x)));
      return x.add(ff(this.norm3.forward(x)));
    }
    x = this.norm1.forward(x.add(sa(x)));
    x = this.norm2.forward(x.add(mha(x)));
    return this.norm3.forward(x.add(ff(x)));
  }
}

export interface TransformerDecoderCall {
  tgtMask?: Tensor | null;
  memoryMask?: Tensor | null;
  tgtKeyPaddingMask?: Tensor | null;
  memoryKeyPaddingMask?: Tensor | null;
}

/** numLayers deep copies of a layer in a ModuleList (PyTorch's _get_clones). */
function clones<M extends Module>(layer: M, n: number): ModuleList<M> {
  return new ModuleList(Array.from({ length: n }, () => layer.deepCopy()));
}

/** True where a boolean key padding mask [B, S] pads only after each sequence's last real key. */
function leftAligned(kpm: Tensor): boolean {
  const [B, S] = kpm.shape;
  const v = kpm.reshape(-1).toArray() as unknown as boolean[];
  for (let b = 0; b < B; b++) for (let s = 1; s < S; s++) if (v[b * S + s - 1] && !v[b * S + s]) return false;
  return true;
}

/** numLayers copies of an encoder layer, then an optional norm. */
export class TransformerEncoder extends Module {
  layers: ModuleList<TransformerEncoderLayer>;
  readonly numLayers: number;
  norm: Module | null;
  readonly enableNestedTensor: boolean;

  /** new TransformerEncoder(encoderLayer, numLayers, norm = null, enableNestedTensor = true), trailing arguments also by name. */
  constructor(...args: [TransformerEncoderLayer, number, ...unknown[]]) {
    super();
    const a = layerArgs<{ encoderLayer: TransformerEncoderLayer; numLayers: number; norm?: Module | null; enableNestedTensor?: boolean }>('TransformerEncoder', args, ['encoderLayer', 'numLayers', 'norm', 'enableNestedTensor'], ['encoderLayer', 'numLayers']);
    this.layers = clones(a.encoderLayer, a.numLayers);
    this.numLayers = a.numLayers;
    this.norm = a.norm ?? null;
    this.enableNestedTensor = a.enableNestedTensor ?? true;
  }

  /**
   * src as the layers take it; mask and srcKeyPaddingMask are passed to each layer. Where PyTorch
   * takes its nested-tensor fast path (eval mode, batchFirst, a left-aligned boolean
   * srcKeyPaddingMask, no mask, post-norm relu/gelu layers with an even head count, no gradient),
   * its output is padded back from nested tensors: zeros at padded positions (before the final
   * norm) and only as many steps as the longest sequence; so it is here.
   */
  forward(src: Tensor, opts: { mask?: Tensor | null; srcKeyPaddingMask?: Tensor | null } = {}): Tensor {
    let out = src;
    for (const layer of this.layers) out = layer.forward(out, { srcMask: opts.mask, srcKeyPaddingMask: opts.srcKeyPaddingMask });
    const kpm = opts.srcKeyPaddingMask;
    if (kpm && this.nestedFastPath(src, kpm, opts.mask ?? null)) {
      const keep = kpm.logicalNot().sum(1).amax().item() as number;
      out = where(kpm.unsqueeze(-1), 0, out).narrow(1, 0, keep);
    }
    return this.norm ? (this.norm.forward(out) as Tensor) : out;
  }

  private nestedFastPath(src: Tensor, kpm: Tensor, mask: Tensor | null): boolean {
    const first = this.layers.at(0);
    if (!(first instanceof TransformerEncoderLayer) || first.normFirst || first.training) return false;
    const attn = first.self_attn;
    if (!attn.batchFirst || !attn.qkvSameEmbedDim || !first.activationKind || first.norm1.eps !== first.norm2.eps) return false;
    if (src.ndim !== 3 || !this.enableNestedTensor || mask || kpm.dtype !== 'bool' || attn.numHeads % 2 === 1 || !leftAligned(kpm)) return false;
    const tensors = [src, ...first.parameters()];
    return !(isGradEnabled() && tensors.some((t) => t.requiresGrad));
  }
}

/** numLayers copies of a decoder layer, then an optional norm. */
export class TransformerDecoder extends Module {
  layers: ModuleList<TransformerDecoderLayer>;
  readonly numLayers: number;
  norm: Module | null;

  /** new TransformerDecoder(decoderLayer, numLayers, norm = null), norm also by name. */
  constructor(...args: [TransformerDecoderLayer, number, ...unknown[]]) {
    super();
    const a = layerArgs<{ decoderLayer: TransformerDecoderLayer; numLayers: number; norm?: Module | null }>('TransformerDecoder', args, ['decoderLayer', 'numLayers', 'norm'], ['decoderLayer', 'numLayers']);
    this.layers = clones(a.decoderLayer, a.numLayers);
    this.numLayers = a.numLayers;
    this.norm = a.norm ?? null;
  }

  forward(tgt: Tensor, memory: Tensor, opts: TransformerDecoderCall = {}): Tensor {
    let out = tgt;
    for (const layer of this.layers) out = layer.forward(out, memory, opts);
    return this.norm ? (this.norm.forward(out) as Tensor) : out;
  }
}

export interface TransformerOptions extends Omit<TransformerLayerOptions, 'dModel' | 'nhead'> {
  dModel?: number;
  nhead?: number;
  numEncoderLayers?: number;
  numDecoderLayers?: number;
  customEncoder?: Module | null;
  customDecoder?: Module | null;
}

export interface TransformerCall extends TransformerDecoderCall {
  srcMask?: Tensor | null;
  srcKeyPaddingMask?: Tensor | null;
}

/** Encoder and decoder stacks, each with a final LayerNorm; every parameter of 2+ dims re-drawn by xavier_uniform_. */
export class Transformer extends Module {
  encoder: Module;
  decoder: Module;
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;

  /** new Transformer({ dModel = 512, nhead = 8, numEncoderLayers = 6, numDecoderLayers = 6, dimFeedforward = 2048, dropout = 0.1, ... }) or positionally in PyTorch's order. */
  constructor(...args: [TransformerOptions?] | [number, number?, ...unknown[]]) {
    super();
    const a = layerArgs<TransformerOptions>('Transformer', args, ['dModel', 'nhead', 'numEncoderLayers', 'numDecoderLayers', 'dimFeedforward', 'dropout', 'activation', 'customEncoder', 'customDecoder', 'layerNormEps', 'batchFirst', 'normFirst']);
    const layer = { ...a, dModel: a.dModel ?? 512, nhead: a.nhead ?? 8 };
    const eps = a.layerNormEps ?? 1e-5;
    const dtype = a.dtype ?? 'float32';
    this.encoder = a.customEncoder ?? new TransformerEncoder(new TransformerEncoderLayer(layer), a.numEncoderLayers ?? 6, new LayerNorm(layer.dModel, { eps, dtype }));
    this.decoder = a.customDecoder ?? new TransformerDecoder(new TransformerDecoderLayer(layer), a.numDecoderLayers ?? 6, new LayerNorm(layer.dModel, { eps, dtype }));
    for (const p of this.parameters()) if (p.ndim > 1) xavierUniform_(p);
    this.dModel = layer.dModel;
    this.nhead = layer.nhead;
    this.batchFirst = a.batchFirst ?? false;
  }

  /** src [S, B, E], tgt [T, B, E] (batchFirst: [B, *, E]); returns the decoder's output like tgt. */
  forward(src: Tensor, tgt: Tensor, opts: TransformerCall = {}): Tensor {
    const batched = src.ndim === 3;
    const b = this.batchFirst ? 0 : 1;
    if (batched && src.shape[b] !== tgt.shape[b]) throw new ShapeError('Transformer: the batch number of src and tgt must be equal');
    if (src.shape[src.ndim - 1] !== this.dModel || tgt.shape[tgt.ndim - 1] !== this.dModel) throw new ShapeError('Transformer: the feature number of src and tgt must be equal to d_model');
    const memory = this.encoder.forward(src, { mask: opts.srcMask, srcKeyPaddingMask: opts.srcKeyPaddingMask }) as Tensor;
    return this.decoder.forward(tgt, memory, { tgtMask: opts.tgtMask, memoryMask: opts.memoryMask, tgtKeyPaddingMask: opts.tgtKeyPaddingMask, memoryKeyPaddingMask: opts.memoryKeyPaddingMask }) as Tensor;
  }

  /** A [sz, sz] float mask: -inf above the diagonal, 0 elsewhere (each position sees itself and the past). */
  static generateSquareSubsequentMask(sz: number, opts: { dtype?: 'float32' | 'float64' } = {}): Tensor {
    const v = Array.from({ length: sz * sz }, (_, k) => (k % sz > Math.floor(k / sz) ? -Infinity : 0));
    return tensor(v, { dtype: opts.dtype ?? 'float32' }).reshape(sz, sz);
  }
}
