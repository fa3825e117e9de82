/** Embedding and EmbeddingBag: lookup tables of numEmbeddings rows of embeddingDim, initialised N(0, 1) as PyTorch does. */
import { empty, noGrad, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { embedding } from '../functional/embedding';
import { embeddingBag, EmbeddingBagMode } from '../functional/embedding_bag';
import { normal_ } from '../init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat } from '../utils';

export interface EmbeddingArgs {
  numEmbeddings: number;
  embeddingDim: number;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  dtype?: 'float32' | 'float64';
}

/** paddingIdx within [-num, num), a negative one counted from the end; `message` is the layer's own error. */
function paddingIndex(pad: number | null, num: number, message: string): number | null {
  if (pad === null) return null;
  if (pad >= num || pad < -num) throw new ValueError(message);
  return pad < 0 ? pad + num : pad;
}

type EmbeddingOpts = Omit<EmbeddingArgs, 'numEmbeddings' | 'embeddingDim'>;

export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** Non-negative (a negative one counts from the end, as PyTorch stores it), or null. */
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  weight: Parameter;

  /** Embedding(numEmbeddings, embeddingDim, paddingIdx = null, maxNorm = null, normType = 2.0): the padding row starts at zero. */
  constructor(...args: [number, number, ...(number | null | EmbeddingOpts | undefined)[]] | [EmbeddingArgs]) {
    super();
    const o = layerArgs<EmbeddingArgs>('Embedding', args, ['numEmbeddings', 'embeddingDim', 'paddingIdx', 'maxNorm', 'normType'], ['numEmbeddings', 'embeddingDim']);
    this.numEmbeddings = o.numEmbeddings;
    this.embeddingDim = o.embeddingDim;
    const pad = paddingIndex(o.paddingIdx ?? null, o.numEmbeddings, 'Padding_idx must be within num_embeddings');
    this.paddingIdx = pad;
    this.maxNorm = o.maxNorm ?? null;
    this.normType = o.normType ?? 2.0;
    this.weight = new Parameter(empty([o.numEmbeddings, o.embeddingDim], { dtype: o.dtype ?? 'float32' }));
    this.resetParameters();
  }

  /** weight ~ N(0, 1), the padding row zeroed. */
  resetParameters(): void {
    normal_(this.weight);
    if (this.paddingIdx !== null) noGrad(() => this.weight.narrow(0, this.paddingIdx!, 1).fill_(0));
  }

  forward(input: Tensor): Tensor {
    return embedding(input, this.weight, { paddingIdx: this.paddingIdx, maxNorm: this.maxNorm, normType: this.normType });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    return s;
  }
}

export interface EmbeddingBagArgs extends EmbeddingArgs {
  mode?: EmbeddingBagMode;
  includeLastOffset?: boolean;
}

/** EmbeddingBag: sums, means or maxima of bags of Embedding rows (weight N(0, 1), the padding row zeroed). */
export class EmbeddingBag extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly mode: EmbeddingBagMode;
  readonly includeLastOffset: boolean;
  readonly paddingIdx: number | null;
  weight: Parameter;

  /**
   * EmbeddingBag(numEmbeddings, embeddingDim, maxNorm = null, normType = 2.0, scaleGradByFreq = false,
   * mode = 'mean', sparse = false, _weight = null, includeLastOffset = false, paddingIdx = null); positional
   * arguments past normType are taken by name only.
   */
  constructor(...args: [number, number, ...(number | null | Omit<EmbeddingBagArgs, 'numEmbeddings' | 'embeddingDim'> | undefined)[]] | [EmbeddingBagArgs]) {
    super();
    const o = layerArgs<EmbeddingBagArgs>('EmbeddingBag', args, ['numEmbeddings', 'embeddingDim', 'maxNorm', 'normType'], ['numEmbeddings', 'embeddingDim']);
    this.numEmbeddings = o.numEmbeddings;
    this.embeddingDim = o.embeddingDim;
    const pad = paddingIndex(o.paddingIdx ?? null, o.numEmbeddings, 'padding_idx must be within num_embeddings');
    this.paddingIdx = pad;
    this.maxNorm = o.maxNorm ?? null;
    this.normType = o.normType ?? 2.0;
    this.mode = o.mode ?? 'mean';
    this.includeLastOffset = o.includeLastOffset ?? false;
    this.weight = new Parameter(empty([o.numEmbeddings, o.embeddingDim], { dtype: o.dtype ?? 'float32' }));
    normal_(this.weight);
    if (pad !== null) noGrad(() => this.weight.narrow(0, pad!, 1).fill_(0));
  }

  forward(input: Tensor, offsets: Tensor | null = null, perSampleWeights: Tensor | null = null): Tensor {
    return embeddingBag(input, this.weight, {
      offsets, perSampleWeights, mode: this.mode, maxNorm: this.maxNorm, normType: this.normType,
      includeLastOffset: this.includeLastOffset, paddingIdx: this.paddingIdx,
    });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    s += `, mode=${this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }
}
