/** @cresset/tensor: n-d arrays, dtypes, views, creation, seeded RNG, math, reductions, matmul, printing. */
export * from './dtype';
export * from './errors';
export * from './shape';
export { NDArray } from './ndarray';
export type { VersionCounter } from './ndarray';
export * from './creation';
export * from './ops/elementwise';
export * from './ops/reduce';
export * from './ops/matmul';
export * from './ops/join';
export * from './ops/pad';
export * from './ops/indexing';
export * from './print';
export * from './random/generator';
export * as distributions from './random/distributions';
export * from './kernels';
export * from './ops/conv';
export * from './ops/pooling';
