/** PairwiseDistance and CosineSimilarity over their functional forms. */
import type { Tensor } from '@cresset/autograd';
import * as F from '../functional/distance';
import { Module } from '../module';
import { layerArgs } from '../utils';

export interface PairwiseDistanceOptions { p?: number; eps?: number; keepdim?: boolean }

export class PairwiseDistance extends Module {
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;
  /** PairwiseDistance(p = 2.0, eps = 1e-6, keepdim = false). */
  constructor(...args: [number?, number?, boolean?] | [PairwiseDistanceOptions] | [number, PairwiseDistanceOptions] | [number, number, PairwiseDistanceOptions]) {
    super();
    const o = layerArgs<PairwiseDistanceOptions>('PairwiseDistance', args, ['p', 'eps', 'keepdim']);
    this.norm = o.p ?? 2;
    this.eps = o.eps ?? 1e-6;
    this.keepdim = o.keepdim ?? false;
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return F.pairwiseDistance(x1, x2, { p: this.norm, eps: this.eps, keepdim: this.keepdim }); }
}

export interface CosineSimilarityOptions { dim?: number; eps?: number }

export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;
  /** CosineSimilarity(dim = 1, eps = 1e-8). */
  constructor(...args: [number?, number?] | [CosineSimilarityOptions] | [number, CosineSimilarityOptions]) {
    super();
    const o = layerArgs<CosineSimilarityOptions>('CosineSimilarity', args, ['dim', 'eps']);
    this.dim = o.dim ?? 1;
    this.eps = o.eps ?? 1e-8;
  }
  forward(x1: Tensor, x2: Tensor): Tensor { return F.cosineSimilarity(x1, x2, { dim: this.dim, eps: this.eps }); }
}
