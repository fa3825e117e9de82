/** torch.backends: which compute backend runs the kernels. */
import { backend } from '@cresset/tensor';

/** torch.backends.cpu. */
export const cpu = {
  /**
   * The active kernel backend, as torch.backends.cpu.get_cpu_capability() names the SIMD level:
   * 'wasm-relaxed-simd' or 'wasm-simd' (WebAssembly), or 'reference' (plain TypeScript).
   */
  getCpuCapability(): string {
    return backend().name;
  },
};
