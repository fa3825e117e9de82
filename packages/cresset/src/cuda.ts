/** torch.cuda: cresset computes on the CPU only, so no CUDA device is ever available. */

/** torch.cuda.is_available(): false. */
export function isAvailable(): boolean {
  return false;
}

/** torch.cuda.device_count(): 0. */
export function deviceCount(): number {
  return 0;
}
