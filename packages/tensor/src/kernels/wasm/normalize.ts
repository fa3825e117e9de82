/**
 * Batch normalisation's per-channel map and its gradients on the wasm kernels
 * (assembly/normalize.ts), float32 only: the forward's [outer, channels] planes, or the
 * backward's channels, shared out over the threads, each computed by one thread.
 */
import type { TypedArray } from '../../dtype';
import type { Backend } from '../backend';
import { referenceBackend } from '../reference';
import type { WasmContext } from './context';
import { blocks, taskCount } from './parallel';
import { OutputMatrix, stageRange } from './staging';

const f32 = (a: TypedArray | null): boolean => a === null || a instanceof Float32Array;

export function createNormalizeKernels(ctx: WasmContext): Pick<Backend, 'channelNorm' | 'channelNormBackward'> {
  const { rt } = ctx;

  const channelNorm: Backend['channelNorm'] = (outer, channels, inner, x, xOff, mean, std, weight, bias, xhat, y) => {
    if (!(x instanceof Float32Array && y instanceof Float32Array && f32(mean) && f32(std) && f32(weight) && f32(bias) && f32(xhat))) {
      return referenceBackend.channelNorm(outer, channels, inner, x, xOff, mean, std, weight, bias, xhat, y);
    }
    const n = outer * channels * inner;
    ctx.scoped((threads) => {
      const xp = stageRange(rt, x, xOff, n);
      const mp = stageRange(rt, mean as Float32Array, 0, channels);
      const sp = stageRange(rt, std as Float32Array, 0, channels);
      const wp = weight ? stageRange(rt, weight as Float32Array, 0, channels) : 0;
      const bp = bias ? stageRange(rt, bias as Float32Array, 0, channels) : 0;
      const h = xhat ? new OutputMatrix(rt, xhat as Float32Array, 0, 1, n, n, false) : null;
      const o = new OutputMatrix(rt, y, 0, 1, n, n, false);
      const planes = outer * channels;
      const parts = taskCount(threads, n, planes);
      ctx.run(blocks(planes, parts, 1).map(([p0, m]) => ({
        op: 'channelNormF32',
        args: [p0, p0 + m, channels, inner, xp, mp, sp, wp, bp, h ? h.ptr : 0, o.ptr, weight ? 1 : 0, bias ? 1 : 0, h ? 1 : 0],
      })));
      h?.commit();
      o.commit();
    });
  };

  const channelNormBackward: Backend['channelNormBackward'] = (outer, channels, inner, gy, gyOff, xhat, weight, std, training, gx, gw, gb) => {
    if (!(gy instanceof Float32Array && xhat instanceof Float32Array && f32(weight) && f32(std) && f32(gx) && f32(gw) && f32(gb))) {
      return referenceBackend.channelNormBackward(outer, channels, inner, gy, gyOff, xhat, weight, std, training, gx, gw, gb);
    }
    const n = outer * channels * inner;
    ctx.scoped((threads) => {
      const gp = stageRange(rt, gy, gyOff, n);
      const hp = stageRange(rt, xhat, 0, n);
      const wp = weight ? stageRange(rt, weight as Float32Array, 0, channels) : 0;
      const sp = stageRange(rt, std as Float32Array, 0, channels);
      const out = (a: TypedArray | null, size: number) => (a ? new OutputMatrix(rt, a as Float32Array, 0, 1, size, size, false) : null);
      const [dx, dw, db] = [out(gx, n), out(gw, channels), out(gb, channels)];
      const parts = taskCount(threads, n, channels);
      ctx.run(blocks(channels, parts, 1).map(([c0, m]) => ({
        op: 'channelNormBackwardF32',
        args: [c0, c0 + m, outer, channels, inner, gp, hp, wp, sp, training ? 1 : 0, dx ? dx.ptr : 0, dw ? dw.ptr : 0, db ? db.ptr : 0],
      })));
      for (const o of [dx, dw, db]) o?.commit();
    });
  };

  return { channelNorm, channelNormBackward };
}
