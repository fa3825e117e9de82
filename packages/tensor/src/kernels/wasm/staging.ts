/**
 * Moving float32 operands between JavaScript typed arrays and the wasm arena. An operand that
 * already lives in wasm memory is used in place; otherwise the smallest span that covers it is
 * copied in one `set` (a memcpy), or, when that span is mostly gaps, its elements are gathered.
 */
import type { WasmRuntime } from './runtime';

/** A strided float32 matrix in wasm memory: byte address and element strides. */
export interface WasmMatrix {
  ptr: number;
  rs: number;
  cs: number;
}

/** Stages `n` consecutive elements of `src` from `off`; returns their byte address. */
export function stageRange(rt: WasmRuntime, src: Float32Array, off: number, n: number): number {
  if (rt.owns(src)) return src.byteOffset + off * 4;
  const ptr = rt.alloc(n * 4);
  rt.f32.set(src.subarray(off, off + n), ptr >>> 2);
  return ptr;
}

/** Stages the rows x cols matrix src[off + i*rs + j*cs]. */
export function stageMatrix(rt: WasmRuntime, src: Float32Array, off: number, rows: number, cols: number, rs: number, cs: number): WasmMatrix {
  if (rt.owns(src)) return { ptr: src.byteOffset + off * 4, rs, cs };
  const lo = off + Math.min(0, (rows - 1) * rs) + Math.min(0, (cols - 1) * cs);
  const hi = off + Math.max(0, (rows - 1) * rs) + Math.max(0, (cols - 1) * cs) + 1;
  if (hi - lo <= 2 * rows * cols + 16) {
    const ptr = rt.alloc((hi - lo) * 4);
    rt.f32.set(src.subarray(lo, hi), ptr >>> 2);
    return { ptr: ptr + (off - lo) * 4, rs, cs };
  }
  const ptr = rt.alloc(rows * cols * 4);
  const f = rt.f32;
  for (let i = 0, o = ptr >>> 2; i < rows; i++) {
    for (let j = 0, s = off + i * rs; j < cols; j++, s += cs) f[o++] = src[s];
  }
  return { ptr, rs: cols, cs: 1 };
}

/**
 * A rows x cols output matrix with row stride `ld` at dst[off..]: written in place when dst is
 * wasm memory, else computed in a dense arena block (pre-filled from dst when `load`) and copied
 * back by `commit`.
 */
export class OutputMatrix {
  readonly ptr: number;
  readonly ld: number;
  private readonly inPlace: boolean;

  constructor(private readonly rt: WasmRuntime, private readonly dst: Float32Array, private readonly off: number,
    private readonly rows: number, private readonly cols: number, private readonly dstLd: number, load: boolean) {
    this.inPlace = rt.owns(dst);
    if (this.inPlace) {
      this.ptr = dst.byteOffset + off * 4;
      this.ld = dstLd;
      return;
    }
    this.ptr = rt.alloc(rows * cols * 4);
    this.ld = cols;
    if (load) this.copy(true);
  }

  commit(): void {
    if (!this.inPlace) this.copy(false);
  }

  private copy(toWasm: boolean): void {
    const { rt, dst, off, rows, cols, dstLd } = this;
    const base = this.ptr >>> 2;
    if (dstLd === cols) {
      if (toWasm) rt.f32.set(dst.subarray(off, off + rows * cols), base);
      else dst.set(rt.f32.subarray(base, base + rows * cols), off);
      return;
    }
    for (let i = 0; i < rows; i++) {
      const d = off + i * dstLd;
      const w = base + i * cols;
      if (toWasm) rt.f32.set(dst.subarray(d, d + cols), w);
      else dst.set(rt.f32.subarray(w, w + cols), d);
    }
  }
}
