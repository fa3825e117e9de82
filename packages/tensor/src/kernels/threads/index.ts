/** Worker threads for the wasm kernels, and the intra-op thread count. */
export { getNumThreads, setNumThreads } from './settings';
export { ThreadPool } from './pool';
export type { PoolOp, Task } from './pool';
