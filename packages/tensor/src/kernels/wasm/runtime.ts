/**
 * The WebAssembly runtime of the wasm backend: the compiled kernel module (relaxed-SIMD when the
 * running Node accepts it, plain SIMD otherwise), one shared linear memory, and a scratch arena
 * in it. Kernels run on data staged into the arena; the arena is reused call after call, so
 * nothing is freed by hand and nothing leaks. Memory grows on demand and is never shrunk.
 */
import * as fs from 'fs';
import * as path from 'path';
import { WasmMemory, WasmModule, WebAssemblyApi as WA } from './api';

/** The functions the AssemblyScript module (packages/tensor/assembly) exports. */
export interface KernelExports {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemm(
    M: number, N: number, K: number,
    a: number, aRs: number, aCs: number,
    b: number, bRs: number, bCs: number,
    c: number, ldc: number, accumulate: number, pack: number,
  ): void;
  im2col(geom: number, img: number, cols: number): void;
  col2im(geom: number, cols: number, img: number): void;
  packedASize(M: number, K: number): number;
  packA(M: number, K: number, a: number, aRs: number, aCs: number, dst: number): void;
  convRowStep(geom: number): number;
  convForward(geom: number, groups: number, og: number, x: number, wp: number, bias: number, y: number, n0: number, n1: number, cols: number, pack: number, next: number): void;
  convBackwardInput(geom: number, groups: number, og: number, dy: number, wt: number, dx: number, n0: number, n1: number, cols: number, pack: number, next: number): void;
  convBackwardWeight(geom: number, groups: number, og: number, dy: number, x: number, dw: number, chunk: number, batch: number, span: number, dyc: number, cols: number, pack: number, next: number): void;
  directScratchBytes(geom: number): number;
  directUnits(geom: number, batch: number, groups: number): number;
  directPackedSize(og: number, kN: number): number;
  packDirectWeights(og: number, kN: number, w: number, dst: number, flip: number, kK: number): void;
  directForward(geom: number, groups: number, og: number, x: number, wp: number, bias: number, y: number, batch: number, pad: number, next: number): void;
  directWeightScratchBytes(geom: number, og: number): number;
  directWeightGrad(geom: number, groups: number, og: number, dy: number, x: number, dw: number, chunk: number, batch: number, scratch: number, next: number): void;
  addRow(dst: number, src: number, n: number): void;
  maxPool(p0: number, p1: number, inN: number, oN: number, start: number, taps: number, src: number, values: number, indices: number): void;
  maxPoolWindows(geom: number, p0: number, p1: number, src: number, values: number, indices: number): void;
  maxPoolBackward(p0: number, p1: number, inN: number, oN: number, grad: number, indices: number, dx: number): void;
  channelSum(outer: number, channels: number, inner: number, src: number, out: number, c0: number, c1: number): void;
  unaryF32(op: number, rows: number, n: number, a: number, aRs: number, as: number, o: number, oRs: number): void;
  binaryF32(op: number, rows: number, n: number, a: number, aRs: number, as: number, b: number, bRs: number, bs: number, o: number, oRs: number, p: number): void;
}

export type WasmVariant = 'relaxed-simd' | 'simd';

const PAGE = 65536;
const MAX_PAGES = 65536;
const ALIGN = 64;

/** Where build-wasm.js writes the modules (the same relative path from src/ and dist/). */
export const WASM_DIR = path.resolve(__dirname, '..', '..', '..', 'wasm');
const FILES: Record<WasmVariant, string> = { 'relaxed-simd': 'kernels-relaxed.wasm', simd: 'kernels-simd.wasm' };

/** Compiles one variant, or returns null when its file is missing or this Node cannot compile it. */
export function compileVariant(variant: WasmVariant): WasmModule | null {
  const file = path.join(WASM_DIR, FILES[variant]);
  if (!WA || !fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  if (!WA.validate(bytes) && variant === 'relaxed-simd') {
    // Node 20 gates relaxed SIMD behind a V8 flag that must be set before compiling
    require('v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
  }
  if (!WA.validate(bytes)) return null;
  try {
    return new WA.Module(bytes);
  } catch {
    return null;
  }
}

export class WasmRuntime {
  readonly memory: WasmMemory;
  readonly exports: KernelExports;
  /** Float32 and Int32 views of the whole memory (refreshed when it grows). */
  f32: Float32Array;
  i32: Int32Array;
  /** Start of the scratch arena; everything below is static data and persistent regions. */
  private base: number;
  private top: number;
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(readonly module: WasmModule, readonly variant: WasmVariant, initialPages = 64) {
    this.memory = new WA!.Memory({ initial: initialPages, maximum: MAX_PAGES, shared: true });
    this.exports = new WA!.Instance(module, { env: { memory: this.memory } }).exports as unknown as KernelExports;
    this.base = this.top = alignUp(this.exports.heapBase());
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.buffers.add(this.memory.buffer);
  }

  /** True when `a` is a view of this runtime's memory (kernels can then read it in place). */
  owns(a: ArrayBufferView): boolean {
    return this.buffers.has(a.buffer);
  }

  /** Reserves `bytes` for the life of the runtime (per-thread packing buffers); only between calls. */
  persistent(bytes: number): number {
    if (this.top !== this.base) throw new Error('WasmRuntime.persistent: called while scratch is in use');
    const ptr = this.base;
    this.base = this.top = alignUp(ptr + bytes);
    this.ensure(this.base);
    return ptr;
  }

  /** Runs `fn` and then hands back all the scratch it took from the arena. */
  scoped<T>(fn: () => T): T {
    const mark = this.top;
    try {
      return fn();
    } finally {
      this.top = mark;
    }
  }

  /** Takes `bytes` of scratch from the arena (64-byte aligned), growing the memory if needed. */
  alloc(bytes: number): number {
    const ptr = this.top;
    this.top = alignUp(ptr + bytes);
    this.ensure(this.top);
    return ptr;
  }

  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    // grow at least by a quarter, so repeated small growths stay rare
    this.memory.grow(Math.min(MAX_PAGES - have / PAGE, Math.max(pages, Math.ceil(have / PAGE / 4))));
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.buffers.add(this.memory.buffer);
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
