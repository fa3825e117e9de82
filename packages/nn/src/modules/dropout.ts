/** Dropout layers: active in training mode, the identity in eval mode. */
import type { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { alphaDropout, dropout, dropoutNd, featureAlphaDropout } from '../functional/dropout';
import { Module } from '../module';
import { layerArgs, pyFloat } from '../utils';

export interface DropoutOptions { p?: number; inplace?: boolean }
type DropoutCtor = [number?, boolean?] | [number, DropoutOptions] | [DropoutOptions];

abstract class DropoutBase extends Module {
  readonly p: number;
  readonly inplace: boolean;
  /** (p = 0.5, inplace = false), or the same by name. */
  constructor(...args: DropoutCtor) {
    super();
    const a = layerArgs<DropoutOptions>(this.constructor.name, args, ['p', 'inplace']);
    this.p = a.p ?? 0.5;
    this.inplace = a.inplace ?? false;
    if (this.p < 0 || this.p > 1) throw new ValueError(`${this.constructor.name}: dropout probability has to be between 0 and 1, but got ${this.p}`);
  }
  override extraRepr(): string { return `p=${pyFloat(this.p)}, inplace=${this.inplace ? 'True' : 'False'}`; }
}

export class Dropout extends DropoutBase {
  forward(x: Tensor): Tensor { return dropout(x, this.p, this.training, this.inplace); }
}
export class Dropout1d extends DropoutBase {
  forward(x: Tensor): Tensor { return dropoutNd(x, this.p, this.training, 1); }
}
export class Dropout2d extends DropoutBase {
  forward(x: Tensor): Tensor { return dropoutNd(x, this.p, this.training, 2); }
}
export class Dropout3d extends DropoutBase {
  forward(x: Tensor): Tensor { return dropoutNd(x, this.p, this.training, 3); }
}
/** Alpha dropout (for SELU networks): dropped elements go to SELU's negative saturation, then an affine map keeps mean and variance. */
export class AlphaDropout extends DropoutBase {
  forward(x: Tensor): Tensor { return alphaDropout(x, this.p, this.training, this.inplace); }
}
/** Alpha dropout of whole channels. */
export class FeatureAlphaDropout extends DropoutBase {
  forward(x: Tensor): Tensor { return featureAlphaDropout(x, this.p, this.training, this.inplace); }
}
