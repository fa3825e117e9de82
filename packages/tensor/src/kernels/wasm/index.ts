/** The WebAssembly SIMD backend: the fastest variant this Node can run, or null when none can. */
import type { Backend } from '../backend';
import { createWasmBackend } from './backend';
import { compileVariant, WasmRuntime, WasmVariant } from './runtime';

/** A fresh wasm backend of the given variants (first that compiles wins), or null. */
export function loadWasmBackend(variants: readonly WasmVariant[] = ['relaxed-simd', 'simd']): Backend | null {
  for (const v of variants) {
    const module = compileVariant(v);
    if (module) return createWasmBackend(new WasmRuntime(module, v));
  }
  return null;
}

export { WASM_DIR } from './runtime';
export type { WasmVariant } from './runtime';
