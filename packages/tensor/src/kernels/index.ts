/** The active compute backend. Operations reach kernels only through `backend()`. */
import type { Backend } from './backend';
import { referenceBackend } from './reference';

let active: Backend = referenceBackend;

export function backend(): Backend {
  return active;
}

/** Swaps the backend (a faster one, or the reference one as an oracle in tests). */
export function setBackend(b: Backend): void {
  active = b;
}

export { referenceBackend };
export type { Backend, BinaryOp, ConvGeometry, ReduceOp, Strided, UnaryOp } from './backend';
