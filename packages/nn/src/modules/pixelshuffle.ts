/** PixelShuffle, PixelUnshuffle and ChannelShuffle over their functional forms. */
import type { Tensor } from '@cresset/autograd';
import { channelShuffle, pixelShuffle, pixelUnshuffle } from '../functional/pixel_shuffle';
import { Module } from '../module';
import { layerArgs } from '../utils';

export class PixelShuffle extends Module {
  readonly upscaleFactor: number;
  /** PixelShuffle(upscaleFactor): [*, C r^2, H, W] to [*, C, H r, W r]. */
  constructor(...args: [number] | [{ upscaleFactor: number }]) {
    super();
    this.upscaleFactor = layerArgs<{ upscaleFactor: number }>('PixelShuffle', args, ['upscaleFactor'], ['upscaleFactor']).upscaleFactor;
  }
  forward(x: Tensor): Tensor { return pixelShuffle(x, this.upscaleFactor); }
  override extraRepr(): string { return `upscale_factor=${this.upscaleFactor}`; }
}

export class PixelUnshuffle extends Module {
  readonly downscaleFactor: number;
  /** PixelUnshuffle(downscaleFactor): [*, C, H r, W r] to [*, C r^2, H, W]. */
  constructor(...args: [number] | [{ downscaleFactor: number }]) {
    super();
    this.downscaleFactor = layerArgs<{ downscaleFactor: number }>('PixelUnshuffle', args, ['downscaleFactor'], ['downscaleFactor']).downscaleFactor;
  }
  forward(x: Tensor): Tensor { return pixelUnshuffle(x, this.downscaleFactor); }
  override extraRepr(): string { return `downscale_factor=${this.downscaleFactor}`; }
}

export class ChannelShuffle extends Module {
  readonly groups: number;
  /** ChannelShuffle(groups): [N, C, *] with its channels in `groups` groups, interleaved. */
  constructor(...args: [number] | [{ groups: number }]) {
    super();
    this.groups = layerArgs<{ groups: number }>('ChannelShuffle', args, ['groups'], ['groups']).groups;
  }
  forward(x: Tensor): Tensor { return channelShuffle(x, this.groups); }
  override extraRepr(): string { return `groups=${this.groups}`; }
}
