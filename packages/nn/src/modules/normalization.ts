/** LayerNorm, GroupNorm, LocalResponseNorm and CrossMapLRN2d, with PyTorch's arguments, parameters and reprs. */
import { ones, Tensor, zeros } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import * as F from '../functional/norm_layers';
import { crossMapLrn2d } from '../functional/cross_map_lrn';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { layerArgs, pyFloat, pyTuple, pyValue } from '../utils';

type FloatDType = 'float32' | 'float64';

export interface LayerNormArgs { normalizedShape: number | readonly number[]; eps?: number; elementwiseAffine?: boolean; dtype?: FloatDType }

export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  /** LayerNorm(normalizedShape, eps = 1e-5, elementwiseAffine = true): weight ones, bias zeros, of normalizedShape. */
  constructor(...args: [number | readonly number[], (number | Omit<LayerNormArgs, 'normalizedShape'>)?, (boolean | Omit<LayerNormArgs, 'normalizedShape'>)?, Omit<LayerNormArgs, 'normalizedShape'>?] | [LayerNormArgs]) {
    super();
    const o = layerArgs<LayerNormArgs>('LayerNorm', args, ['normalizedShape', 'eps', 'elementwiseAffine'], ['normalizedShape']);
    this.normalizedShape = typeof o.normalizedShape === 'number' ? [o.normalizedShape] : [...o.normalizedShape];
    this.eps = o.eps ?? 1e-5;
    this.elementwiseAffine = o.elementwiseAffine ?? true;
    const dtype = o.dtype ?? 'float32';
    this.weight = this.elementwiseAffine ? new Parameter(ones(this.normalizedShape, { dtype })) : null;
    this.bias = this.elementwiseAffine ? new Parameter(zeros(this.normalizedShape, { dtype })) : null;
  }
  forward(x: Tensor): Tensor { return F.layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps); }
  override extraRepr(): string {
    return `${pyTuple(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyValue(this.elementwiseAffine)}`;
  }
}

export interface GroupNormArgs { numGroups: number; numChannels: number; eps?: number; affine?: boolean; dtype?: FloatDType }

export class GroupNorm extends Module {
  readonly numGroups: number;
  readonly numChannels: number;
  readonly eps: number;
  readonly affine: boolean;
  weight: Parameter | null;
  bias: Parameter | null;
  /** GroupNorm(numGroups, numChannels, eps = 1e-5, affine = true); numChannels must be a multiple of numGroups. */
  constructor(...args: [number, number, (number | Omit<GroupNormArgs, 'numGroups' | 'numChannels'>)?, (boolean | Omit<GroupNormArgs, 'numGroups' | 'numChannels'>)?, Omit<GroupNormArgs, 'numGroups' | 'numChannels'>?] | [GroupNormArgs]) {
    super();
    const o = layerArgs<GroupNormArgs>('GroupNorm', args, ['numGroups', 'numChannels', 'eps', 'affine'], ['numGroups', 'numChannels']);
    if (o.numChannels % o.numGroups !== 0) throw new ValueError('num_channels must be divisible by num_groups');
    this.numGroups = o.numGroups;
    this.numChannels = o.numChannels;
    this.eps = o.eps ?? 1e-5;
    this.affine = o.affine ?? true;
    const dtype = o.dtype ?? 'float32';
    this.weight = this.affine ? new Parameter(ones([o.numChannels], { dtype })) : null;
    this.bias = this.affine ? new Parameter(zeros([o.numChannels], { dtype })) : null;
  }
  forward(x: Tensor): Tensor { return F.groupNorm(x, this.numGroups, this.weight, this.bias, this.eps); }
  override extraRepr(): string { return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyValue(this.affine)}`; }
}

export interface LocalResponseNormArgs { size: number; alpha?: number; beta?: number; k?: number }

export class LocalResponseNorm extends Module {
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;
  /** LocalResponseNorm(size, alpha = 1e-4, beta = 0.75, k = 1.0): normalises across neighbouring channels. */
  constructor(...args: [number, number?, number?, number?] | [number, Omit<LocalResponseNormArgs, 'size'>] | [LocalResponseNormArgs]) {
    super();
    const o = layerArgs<LocalResponseNormArgs>(new.target.name, args, ['size', 'alpha', 'beta', 'k'], ['size']);
    this.size = o.size;
    this.alpha = o.alpha ?? 1e-4;
    this.beta = o.beta ?? 0.75;
    this.k = o.k ?? 1.0;
  }
  forward(x: Tensor): Tensor { return F.localResponseNorm(x, this.size, this.alpha, this.beta, this.k); }
  override extraRepr(): string { return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`; }
}

/**
 * CrossMapLRN2d(size, alpha = 1e-4, beta = 0.75, k = 1): LocalResponseNorm as PyTorch's legacy
 * Lua-torch port computes it, over 4-d input only, with its own channel window and backward.
 */
export class CrossMapLRN2d extends LocalResponseNorm {
  override forward(x: Tensor): Tensor { return crossMapLrn2d(x, this.size, this.alpha, this.beta, this.k); }
  override extraRepr(): string { return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${this.k}`; }
}
