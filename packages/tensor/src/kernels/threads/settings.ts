/**
 * The intra-op thread count, as torch.set_num_threads / torch.get_num_threads: how many threads
 * (the calling one included) a kernel may use. The default is the number of available cores.
 */
import * as os from 'os';
import { ValueError } from '../../errors';

let numThreads = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/** torch.get_num_threads(). */
export function getNumThreads(): number {
  return numThreads;
}

/** torch.set_num_threads(n): kernels use up to n threads from the next call on. */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new ValueError(`setNumThreads: expected a positive integer number of threads (at most 256), got ${n}`);
  }
  numThreads = n;
}
