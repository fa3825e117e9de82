/**
 * N-dimensional convolution (cross-correlation, as torch.nn.functional.conv1d/2d/3d) on arrays:
 * forward and the gradients of input, weight and bias, on the backend's convolution kernels.
 * Shapes: input [N, C, ...spatial], weight [O, C / groups, ...kernel], bias [O].
 */
import { ShapeError } from '../errors';
import { backend, BatchedConv, ConvGeometry } from '../kernels';
import { NDArray } from '../ndarray';
import { numel } from '../shape';
import { copyInto } from './elementwise';
import { convOutSize, liveTaps } from '../window';

export interface ConvParams {
  stride: readonly number[];
  padding: readonly number[];
  dilation: readonly number[];
  groups: number;
}

const fmt = (s: readonly number[]) => s.join('x');


/** Checks the shapes of a convolution and returns its geometry, with messages that spell out the arithmetic. */
export function convGeometry(op: string, x: readonly number[], w: readonly number[], p: ConvParams): ConvGeometry & { batch: number; outChannels: number } {
  const nd = w.length - 2;
  if (x.length !== nd + 2) {
    throw new ShapeError(`${op}: Expected ${nd + 2}D (batched) input to ${op}, but got input of size: [${x.join(', ')}]`);
  }
  const [N, C] = x;
  const [O, Cg] = w;
  if (O % p.groups !== 0) throw new ShapeError(`${op}: out_channels (${O}) must be divisible by groups (${p.groups})`);
  if (C !== Cg * p.groups) {
    throw new ShapeError(`${op}: Given groups=${p.groups}, weight of size [${w.join(', ')}], expected input[${x.join(', ')}] to have ${Cg * p.groups} channels, but got ${C} channels instead`);
  }
  const inSize = x.slice(2);
  const kernel = w.slice(2);
  const outSize = inSize.map((L, i) => convOutSize(L, kernel[i], p.stride[i], p.padding[i], p.dilation[i]));
  const bad = outSize.findIndex((o) => o <= 0);
  if (bad >= 0) {
    const [L, k, s, pd, d] = [inSize[bad], kernel[bad], p.stride[bad], p.padding[bad], p.dilation[bad]];
    throw new ShapeError(
      `${op}: input of size [${x.join(', ')}] with kernel ${fmt(kernel)} (weight [${w.join(', ')}]), padding ${fmt(p.padding)}, ` +
        `stride ${fmt(p.stride)} and dilation ${fmt(p.dilation)} gives an output of ${fmt(outSize)}: each output size is ` +
        `floor((size + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1, here floor((${L} + ${2 * pd} - ${d * (k - 1)} - 1) / ${s}) + 1 = ${outSize[bad]}. ` +
        `Use a larger input, more padding, or a smaller kernel_size or dilation.`,
    );
  }
  return { batch: N, outChannels: O, channels: Cg, inSize, kernel, outSize, stride: p.stride, padding: p.padding, dilation: p.dilation };
}

/** The backend's view of a convolution: geometry with batch, groups and output channels. */
function batched(g: ReturnType<typeof convGeometry>, p: ConvParams): BatchedConv {
  return { ...g, groups: p.groups };
}

/** Where a convolution's kernel is cut to the taps that read its input: the first tap kept, the kernel size and the padding, per dim. */
interface Cut {
  lo: number[];
  kernel: number[];
  padding: number[];
}

/**
 * The kernel cut to the taps that read the input along every dim (window.ts liveTaps), when that
 * drops some taps: on images smaller than a kernel's reach (a 3x3 kernel with padding 1 on a 1x1
 * image reads its centre tap only) the others multiply padding zeros. Null when every tap reads
 * the input, or when the cut kernel has no symmetric padding that keeps the output size.
 */
function liveCut(g: ConvGeometry, p: ConvParams): Cut | null {
  const cut: Cut = { lo: [], kernel: [], padding: [] };
  let dropped = false;
  for (let d = 0; d < g.kernel.length; d++) {
    const [lo, hi] = liveTaps(g.inSize[d], g.outSize[d], g.kernel[d], p.stride[d], p.padding[d], p.dilation[d]);
    const padding = p.padding[d] - lo * p.dilation[d];
    if (hi === lo || padding < 0 || convOutSize(g.inSize[d], hi - lo, p.stride[d], padding, p.dilation[d]) !== g.outSize[d]) return null;
    dropped ||= hi - lo < g.kernel[d];
    cut.lo.push(lo);
    cut.kernel.push(hi - lo);
    cut.padding.push(padding);
  }
  return dropped ? cut : null;
}

/** The taps of w [O, C, ...kernel] that `cut` keeps (a view). */
function cutWeight(w: NDArray, cut: Cut): NDArray {
  return cut.lo.reduce((v, lo, d) => v.narrow(d + 2, lo, cut.kernel[d]), w);
}

/**
 * y = conv(x, w) + b. The kernel runs cut to its live taps where some read only padding (liveCut):
 * the same sums without their zero terms.
 */
export function convForward(x: NDArray, w: NDArray, b: NDArray | null, p: ConvParams, op = 'conv'): NDArray {
  const g = convGeometry(op, x.shape, w.shape, p);
  const cut = liveCut(g, p);
  if (cut) return convForward(x, cutWeight(w, cut), b, { ...p, padding: cut.padding }, op);
  const xc = x.contiguous();
  const wc = w.contiguous();
  const out = NDArray.output([g.batch, g.outChannels, ...g.outSize], x.dtype, op);
  backend().convForward(batched(g, p), xc.data, xc.offset, wc.data, wc.offset, b ? b.values() : null, out.data);
  return out;
}

/** The gradient of a convolution with respect to its input of shape `inputShape` (also: transposed convolution). */
export function convBackwardInput(grad: NDArray, inputShape: readonly number[], w: NDArray, p: ConvParams, op = 'conv'): NDArray {
  const g = convGeometry(op, inputShape, w.shape, p);
  checkGradShape(op, grad.shape, g);
  const cut = liveCut(g, p);
  if (cut) return convBackwardInput(grad, inputShape, cutWeight(w, cut), { ...p, padding: cut.padding }, op);
  const gc = grad.contiguous();
  const wc = w.contiguous();
  const gx = NDArray.output(inputShape, grad.dtype);
  backend().convBackwardInput(batched(g, p), gc.data, gc.offset, wc.data, wc.offset, gx.data);
  return gx;
}

/** The gradient of a convolution with respect to its weight of shape `weightShape`. */
export function convBackwardWeight(grad: NDArray, x: NDArray, weightShape: readonly number[], p: ConvParams, op = 'conv'): NDArray {
  const g = convGeometry(op, x.shape, weightShape, p);
  checkGradShape(op, grad.shape, g);
  const cut = liveCut(g, p);
  if (cut) {
    // the taps that read only padding have zero gradient
    const live = convBackwardWeight(grad, x, [...weightShape.slice(0, 2), ...cut.kernel], { ...p, padding: cut.padding }, op);
    const gw = NDArray.empty(weightShape, x.dtype);
    copyInto(cutWeight(gw, cut), live);
    return gw;
  }
  const gc = grad.contiguous();
  const xc = x.contiguous();
  const gw = NDArray.output(weightShape, x.dtype);
  backend().convBackwardWeight(batched(g, p), gc.data, gc.offset, xc.data, xc.offset, gw.data);
  return gw;
}

/** The gradient of the bias: the sum of grad over batch and spatial positions, per channel (dim 1). */
export function convBackwardBias(grad: NDArray): NDArray {
  const gc = grad.contiguous();
  const [N, O] = grad.shape;
  const gb = NDArray.output([O], grad.dtype);
  backend().channelSum(N, O, numel(grad.shape.slice(2)), gc.data, gc.offset, gb.data);
  return gb;
}

/** Adds bias[c] to every element of channel c (dim 1) of a contiguous [N, C, ...] array, in place (a broadcast add on the kernels). */
export function addChannelBias(out: NDArray, bias: NDArray): void {
  const strides = out.shape.map((_, d) => (d === 1 ? bias.strides[0] : 0));
  backend().binary('add', out.shape, out, { data: bias.data, offset: bias.offset, strides }, out);
}

function checkGradShape(op: string, grad: readonly number[], g: { batch: number; outChannels: number; outSize: readonly number[] }): void {
  const want = [g.batch, g.outChannels, ...g.outSize];
  if (grad.length !== want.length || grad.some((s, i) => s !== want[i])) {
    throw new ShapeError(`${op}: expected a gradient of shape [${want.join(', ')}], got [${grad.join(', ')}]`);
  }
}
