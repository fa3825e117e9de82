/**
 * The part of the WebAssembly JavaScript API the wasm backend uses, typed here because the
 * project compiles against lib ES2022 without DOM types (where `WebAssembly` is declared).
 */

/** A compiled module; it can be sent to worker threads and instantiated there. */
export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
  grow(pages: number): number;
}

export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: object };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

/** The global WebAssembly object, or undefined on a runtime without it. */
export const WebAssemblyApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
