/** F.pixel_shuffle, F.pixel_unshuffle (channels to space and back) and F.channel_shuffle, as reshapes and a permute. */
import type { Tensor } from '@cresset/autograd';
import { ShapeError } from '@cresset/tensor';

/** [*, C r^2, H, W] to [*, C, H r, W r]. */
export function pixelShuffle(x: Tensor, upscaleFactor: number): Tensor {
  const r = upscaleFactor;
  if (x.ndim < 3) throw new ShapeError(`pixel_shuffle expects input to have at least 3 dimensions, but got input with ${x.ndim} dimension(s)`);
  const lead = x.shape.slice(0, -3);
  const [c, h, w] = x.shape.slice(-3);
  if (c % (r * r) !== 0) throw new ShapeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`);
  const n = lead.length;
  const oc = c / (r * r);
  const perm = [...lead.map((_, i) => i), n, n + 3, n + 1, n + 4, n + 2];
  return x.reshape([...lead, oc, r, r, h, w]).permute(...perm).reshape([...lead, oc, h * r, w * r]);
}

/** [*, C, H r, W r] to [*, C r^2, H, W]. */
export function pixelUnshuffle(x: Tensor, downscaleFactor: number): Tensor {
  const r = downscaleFactor;
  if (x.ndim < 3) throw new ShapeError(`pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${x.ndim} dimension(s)`);
  const lead = x.shape.slice(0, -3);
  const [c, h, w] = x.shape.slice(-3);
  if (h % r !== 0) throw new ShapeError(`pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`);
  if (w % r !== 0) throw new ShapeError(`pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`);
  const n = lead.length;
  const perm = [...lead.map((_, i) => i), n, n + 2, n + 4, n + 1, n + 3];
  return x.reshape([...lead, c, h / r, r, w / r, r]).permute(...perm).reshape([...lead, c * r * r, h / r, w / r]);
}

/** Shuffles the channels of an input of shape [N, C, *]: as groups x (C / groups), read out transposed (torch.channel_shuffle). */
export function channelShuffle(x: Tensor, groups: number): Tensor {
  if (x.ndim < 3) throw new ShapeError(`channel_shuffle expects input to have at least 3 dimensions, but got input with sizes [${x.shape.join(', ')}]`);
  if (groups <= 0) throw new ShapeError(`Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  const [n, c] = x.shape;
  if (c % groups !== 0) throw new ShapeError(`Number of channels must be divisible by groups. Got ${c} channels and ${groups} groups.`);
  return x.reshape([n, groups, c / groups, -1]).permute(0, 2, 1, 3).reshape(x.shape);
}
