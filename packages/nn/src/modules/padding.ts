/**
 * The padding layers over F.pad: ConstantPad1d/2d/3d, ZeroPad2d, ReflectionPad1d/2d/3d,
 * ReplicationPad1d/2d/3d. `padding` is an int (every side) or PyTorch's tuple (left, right,
 * top, bottom, front, back); the input has nd + 1 (unbatched) or nd + 2 dims.
 */
import { pad, Tensor } from '@cresset/autograd';
import type { PadMode } from '@cresset/tensor';
import { ShapeError } from '@cresset/tensor';
import { Module } from '../module';
import { IntOrTuple, ntuple, pyTuple } from '../utils';

export class PadNd extends Module {
  readonly padding: number[];
  constructor(private readonly nd: number, private readonly mode: PadMode, padding: IntOrTuple, readonly value = 0) {
    super();
    this.padding = ntuple(padding, 2 * nd, 'padding', this.constructor.name);
  }
  forward(x: Tensor): Tensor {
    if (this.mode !== 'constant' && x.ndim !== this.nd + 1 && x.ndim !== this.nd + 2) {
      throw new ShapeError(`${this.constructor.name}: expected ${this.nd + 1}D or ${this.nd + 2}D input, got ${x.ndim}D input of shape [${x.shape.join(', ')}]`);
    }
    return pad(x, this.padding, this.mode, this.value);
  }
  override extraRepr(): string {
    return this.mode === 'constant' && !(this instanceof ZeroPad2d) ? `padding=${pyTuple(this.padding)}, value=${this.value}` : pyTuple(this.padding);
  }
}

/** ConstantPad{n}d(padding, value). */
export class ConstantPad1d extends PadNd {
  constructor(padding: IntOrTuple, value: number) { super(1, 'constant', padding, value); }
}
export class ConstantPad2d extends PadNd {
  constructor(padding: IntOrTuple, value: number) { super(2, 'constant', padding, value); }
}
export class ConstantPad3d extends PadNd {
  constructor(padding: IntOrTuple, value: number) { super(3, 'constant', padding, value); }
}
/** ZeroPad2d(padding): ConstantPad2d with value 0. */
export class ZeroPad2d extends PadNd {
  constructor(padding: IntOrTuple) { super(2, 'constant', padding, 0); }
}
export class ReflectionPad1d extends PadNd {
  constructor(padding: IntOrTuple) { super(1, 'reflect', padding); }
}
export class ReflectionPad2d extends PadNd {
  constructor(padding: IntOrTuple) { super(2, 'reflect', padding); }
}
export class ReflectionPad3d extends PadNd {
  constructor(padding: IntOrTuple) { super(3, 'reflect', padding); }
}
export class ReplicationPad1d extends PadNd {
  constructor(padding: IntOrTuple) { super(1, 'replicate', padding); }
}
export class ReplicationPad2d extends PadNd {
  constructor(padding: IntOrTuple) { super(2, 'replicate', padding); }
}
export class ReplicationPad3d extends PadNd {
  constructor(padding: IntOrTuple) { super(3, 'replicate', padding); }
}
