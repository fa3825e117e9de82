/** @cresset/nn: torch.nn. */
export { Module } from './module';
export type { StateDict, LoadResult } from './module';
export { Parameter } from './parameter';
export { callable } from './callable';
export type { CallableModule } from './callable';
export * from './modules/conv';
export * from './modules/pooling';
export * from './modules/linear';
export * from './modules/activation';
export * from './modules/shape';
export * from './modules/dropout';
export * from './modules/batchnorm';
export * from './modules/container';
export * from './modules/loss';
export * as functional from './functional';
export * as init from './init';
