/**
 * The wasm backend's storage pool: float32 arrays that live in the runtime's shared memory, so
 * kernels read and write them in place instead of copying them in and out. Blocks are powers of
 * two from 1 KiB, reserved from the runtime for good (up to `budget` bytes in all) and reused from
 * free lists: a block comes back when the backward engine releases its array, or when the garbage
 * collector has taken an array nobody released. Past the budget, callers get ordinary arrays.
 */
import type { StoragePool } from '../../pooled_storage';
import type { WasmRuntime } from './runtime';

/** The pool's reservation unless CRESSET_STORAGE_POOL_MB says otherwise. */
const DEFAULT_BUDGET = 256 * 2 ** 20;
const MIN_BLOCK = 1024;

interface Block {
  ptr: number;
  bytes: number;
  scope: number;
}

export class WasmStoragePool implements StoragePool {
  /** Bytes the pool may reserve from the runtime in all. */
  budget: number;
  private reserved = 0;
  private readonly free = new Map<number, number[]>();
  private readonly blocks = new WeakMap<ArrayBufferView, Block>();
  private readonly registry = new FinalizationRegistry<{ ptr: number; bytes: number }>((b) => this.push(b.ptr, b.bytes));

  constructor(private readonly rt: WasmRuntime) {
    const mb = process.env.CRESSET_STORAGE_POOL_MB;
    this.budget = mb && Number.isFinite(Number(mb)) ? Number(mb) * 2 ** 20 : DEFAULT_BUDGET;
  }

  alloc(n: number, scope: number, zero: boolean): Float32Array | null {
    let bytes = MIN_BLOCK;
    while (bytes < n * 4) bytes *= 2;
    let ptr = this.free.get(bytes)?.pop();
    if (ptr === undefined) {
      if (this.reserved + bytes > this.budget || !this.rt.idle) return null;
      ptr = this.rt.persistent(bytes);
      this.reserved += bytes;
    }
    const a = new Float32Array(this.rt.memory.buffer, ptr, n);
    if (zero) a.fill(0);
    this.blocks.set(a, { ptr, bytes, scope });
    this.registry.register(a, { ptr, bytes }, a);
    return a;
  }

  release(a: ArrayBufferView, scope: number): void {
    const b = this.blocks.get(a);
    if (!b || b.scope !== scope) return;
    this.blocks.delete(a);
    this.registry.unregister(a);
    this.push(b.ptr, b.bytes);
  }

  private push(ptr: number, bytes: number): void {
    const list = this.free.get(bytes);
    if (list) list.push(ptr);
    else this.free.set(bytes, [ptr]);
  }
}
