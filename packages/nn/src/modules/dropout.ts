/** Dropout layers: active in training mode, the identity in eval mode. */
import type { Tensor } from '@cresset/autograd';
import { ValueError } from '@cresset/tensor';
import { dropout, dropoutNd } from '../functional/dropout';
import { Module } from '../module';
import { pyFloat } from '../utils';

abstract class DropoutBase extends Module {
  constructor(readonly p = 0.5, readonly inplace = false) {
    super();
    if (p < 0 || p > 1) throw new ValueError(`dropout probability has to be between 0 and 1, but got ${p}`);
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
