/**
 * Storage for the float32 arrays a backward pass makes, from the active backend's pool (the wasm
 * backend keeps it in its shared memory, so its kernels read and write those arrays in place),
 * and the backward engine's way to hand them back the moment it has consumed them. Outside a
 * pooled scope, and for arrays a pool cannot hold, storage is an ordinary typed array the garbage
 * collector owns. An array is only ever released by the engine that made it, in the backward
 * pass (the scope) that made it; anything else reaching a pooled array keeps it alive and the
 * collector returns it to the pool once it is gone.
 */

/** A backend's pool of float32 storage. */
export interface StoragePool {
  /** An array of n floats tagged with `scope` (zero-filled when `zero`), or null when the pool cannot give one. */
  alloc(n: number, scope: number, zero: boolean): Float32Array | null;
  /** Returns `a` to the pool if it came from it in `scope`; anything else is left alone. */
  release(a: ArrayBufferView, scope: number): void;
}

/** Arrays smaller than this are not worth a pool block. */
const MIN_POOLED = 256;

let pool: StoragePool | null = null;
let current = 0;
let nextScope = 1;
let paused = 0;

/** Installs the backend's pool (null: none). */
export function setStoragePool(p: StoragePool | null): void {
  pool = p;
}

/** Runs `fn` with float32 storage drawn from the pool, in a new scope; its id is passed to fn. */
export function pooledScope<T>(fn: (scope: number) => T): T {
  const outer = current;
  current = nextScope++;
  try {
    return fn(current);
  } finally {
    current = outer;
  }
}

/** Runs `fn` with ordinary storage even inside a pooled scope (for arrays that outlive it, as .grad). */
export function unpooled<T>(fn: () => T): T {
  paused++;
  try {
    return fn();
  } finally {
    paused--;
  }
}

/** A pooled float32 array of n elements (zero-filled when `zero`), or null outside a scope or when the pool has none. */
export function pooledFloat32(n: number, zero = true): Float32Array | null {
  if (current === 0 || paused > 0 || pool === null || n < MIN_POOLED) return null;
  return pool.alloc(n, current, zero);
}

/** The scope of arrays no engine releases: only the collector returns them to the pool. */
const RESIDENT = -1;

/**
 * A float32 array of n elements (not zeroed) in the pool's memory for as long as it lives, or
 * null when the pool has none: storage for long-lived tensors (a compiled plan's parameters) that
 * the kernels then read in place instead of copying in on every call.
 */
export function residentFloat32(n: number): Float32Array | null {
  if (pool === null || n < MIN_POOLED) return null;
  return pool.alloc(n, RESIDENT, false);
}

/** Hands `data` back to the pool, when it is a pooled array of the scope `scope`. */
export function releaseStorage(data: ArrayBufferView, scope: number): void {
  pool?.release(data, scope);
}
