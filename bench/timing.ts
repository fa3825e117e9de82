/** Timing helpers of the benchmarks: repeat a call for a while after a warm-up, keep the median or the best. */

/** Per-call seconds of `fn`, repeated for about `seconds` (at least `atLeast` calls) after `warmup` calls. */
export function sampleSeconds(fn: () => void, seconds: number, warmup = 3, atLeast = 5): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || times.length < atLeast) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b);
}

export const medianSeconds = (fn: () => void, seconds: number, warmup = 3, atLeast = 5) => {
  const t = sampleSeconds(fn, seconds, warmup, atLeast);
  return t[t.length >> 1];
};

export const bestSeconds = (fn: () => void, seconds: number) => sampleSeconds(fn, seconds)[0];

/** The async variant of medianSeconds (onnxruntime-node runs sessions asynchronously). */
export async function medianSecondsAsync(fn: () => Promise<unknown>, seconds: number, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || times.length < 5) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}
