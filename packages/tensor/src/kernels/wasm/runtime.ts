/**
 * The WebAssembly runtime of the wasm backend: the compiled kernel module (relaxed-SIMD when the
 * running Node accepts it, plain SIMD otherwise), one shared linear memory, and a scratch arena
 * in it. Kernels run on data staged into the arena; the arena is reused call after call, so
 * nothing is freed by hand and nothing leaks. Memory grows on demand and is never shrunk.
 */
import * as fs from 'fs';
import * as path from 'path';
import { WasmMemory, WasmModule, WebAssemblyApi as WA } from './api';
import type { KernelExports } from './kernel_exports';

export type { KernelExports } from './kernel_exports';

export type WasmVariant = 'relaxed-simd' | 'simd';

const PAGE = 65536;
const MAX_PAGES = 65536;
const ALIGN = 64;
/** Bytes kept readable past the arena's top: the widest over-read of a kernel's last vector. */
const READ_SLACK = 512;

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

  /** True between kernel calls, when no scratch is in use (persistent regions may be reserved). */
  get idle(): boolean {
    return this.top === this.base;
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

  /** Grows the memory to hold `end` bytes plus READ_SLACK (so kernels may read a vector past any block). */
  private ensure(end: number): void {
    end += READ_SLACK;
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
