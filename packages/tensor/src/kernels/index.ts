/**
 * The active compute backend. Operations reach kernels only through `backend()`. The default is
 * the fastest one available (WebAssembly SIMD when its modules are built and this Node runs them);
 * `CRESSET_BACKEND=reference` or `CRESSET_BACKEND=wasm` chooses explicitly.
 */
import { ValueError } from '../errors';
import type { Backend } from './backend';
import { setStoragePool } from '../pooled_storage';
import { referenceBackend } from './reference';
import { loadWasmBackend, WASM_DIR } from './wasm';

function initialBackend(): Backend {
  const choice = process.env.CRESSET_BACKEND ?? '';
  if (choice === 'reference') return referenceBackend;
  if (choice !== '' && choice !== 'wasm') {
    throw new ValueError(`CRESSET_BACKEND: unknown backend '${choice}'; expected 'reference' or 'wasm'`);
  }
  const wasm = loadWasmBackend();
  if (wasm) return wasm;
  if (choice === 'wasm') {
    throw new ValueError(`CRESSET_BACKEND=wasm: no WebAssembly SIMD module in ${WASM_DIR} runs on this Node; build it with 'node scripts/build-wasm.js'`);
  }
  return referenceBackend;
}

let active: Backend = initialBackend();
setStoragePool(active.storagePool ?? null);

export function backend(): Backend {
  return active;
}

/** Swaps the backend (a faster one, or the reference one as an oracle in tests), and with it the storage pool. */
export function setBackend(b: Backend): void {
  active = b;
  setStoragePool(b.storagePool ?? null);
}

export { referenceBackend };
export { loadWasmBackend };
export { getNumThreads, setNumThreads } from './threads';
export type { WasmVariant } from './wasm';
export type { AxisReduceOp, Backend, BatchedConv, BinaryOp, ConvGeometry, ReduceOp, SgdStep, Strided, UnaryOp } from './backend';
