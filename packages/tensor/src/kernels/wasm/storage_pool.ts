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
    const bytes = blockBytes(n);
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
    push(this.free, ptr, bytes);
  }
}

/** The block size that holds n floats: a power of two from MIN_BLOCK bytes. */
function blockBytes(n: number): number {
  let bytes = MIN_BLOCK;
  while (bytes < n * 4) bytes *= 2;
  return bytes;
}

function push(free: Map<number, number[]>, ptr: number, bytes: number): void {
  const list = free.get(bytes);
  if (list) list.push(ptr);
  else free.set(bytes, [ptr]);
}

/** The plan pools' memory over one runtime: blocks reserved so far, and those disposed plans gave back. */
export class PlanMemory {
  /** Bytes all plans together may reserve (CRESSET_PLAN_MEMORY_MB, else 1 GiB). */
  budget: number;
  reserved = 0;
  readonly free = new Map<number, number[]>();
  constructor(readonly rt: WasmRuntime) {
    const mb = process.env.CRESSET_PLAN_MEMORY_MB;
    this.budget = mb && Number.isFinite(Number(mb)) ? Number(mb) * 2 ** 20 : 2 ** 30;
  }
}

/**
 * The storage of one compiled plan: blocks it keeps until `dispose()`, never lent to anything else,
 * so the arrays its recorded kernel calls name stay its own between runs. Arrays the backward
 * engine releases go back to the plan's own free lists, to be reused later in the same capture.
 */
export class PlanStoragePool implements StoragePool {
  private readonly owned: [number, number][] = [];
  private readonly free = new Map<number, number[]>();
  private readonly blocks = new WeakMap<ArrayBufferView, Block>();

  constructor(private readonly memory: PlanMemory) {}

  alloc(n: number, scope: number, zero: boolean): Float32Array | null {
    const bytes = blockBytes(n);
    let ptr = this.free.get(bytes)?.pop();
    if (ptr === undefined) {
      const m = this.memory;
      ptr = m.free.get(bytes)?.pop();
      if (ptr === undefined) {
        if (m.reserved + bytes > m.budget || !m.rt.idle) return null;
        ptr = m.rt.persistent(bytes);
        m.reserved += bytes;
      }
      this.owned.push([ptr, bytes]);
    }
    const a = new Float32Array(this.memory.rt.memory.buffer, ptr, n);
    if (zero) a.fill(0);
    this.blocks.set(a, { ptr, bytes, scope });
    return a;
  }

  release(a: ArrayBufferView, scope: number): void {
    const b = this.blocks.get(a);
    if (!b || b.scope !== scope) return;
    this.blocks.delete(a);
    push(this.free, b.ptr, b.bytes);
  }

  /** Gives every block back for later plans; the plan's arrays must not be used again. */
  dispose(): void {
    for (const [ptr, bytes] of this.owned) push(this.memory.free, ptr, bytes);
    this.owned.length = 0;
    this.free.clear();
  }
}
