/** Embedding: a lookup table of numEmbeddings rows of embeddingDim, initialised N(0, 1) as PyTorch does. */
import { empty, noGrad, Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { embedding } from '../functional/embedding';
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
    let pad = o.paddingIdx ?? null;
    if (pad !== null) {
      if (pad >= o.numEmbeddings || pad < -o.numEmbeddings) throw new ValueError('Padding_idx must be within num_embeddings');
      if (pad < 0) pad += o.numEmbeddings;
    }
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
