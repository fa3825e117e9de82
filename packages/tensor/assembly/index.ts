/** The cresset WebAssembly kernels: entry points exported to the wasm backend. */
export { gemm, gemmScratchBytes, packA, packedASize } from './gemm';
export { col2im, im2col } from './im2col';
export { convBackwardInput, convBackwardWeight, convForward, convRowStep, pointwiseForward } from './conv';
export { directForward, directPackedSize, directScratchBytes, directUnits, directWeightGrad, directWeightScratchBytes, packDirectWeights } from './conv_direct';
export { depthwiseForward, depthwiseScratchBytes, depthwiseWeightGrad, depthwiseWeightScratchBytes } from './conv_depthwise';
export { geometryInts } from './geometry';
export { reduceAxisF32, reduceAxisScratchBytes, reduceKeptF32 } from './reduce';
export { addRow } from './simd';
export { binaryF32, unaryF32 } from './elementwise';
export { maxPool } from './pool';
export { avgPoolPlanes } from './avg_pool';
export { channelSum, maxPoolBackward, maxPoolWindows } from './pool_window';
export { channelNormBackwardF32, channelNormF32 } from './normalize';
export { sgdF32 } from './sgd';

/** First byte of linear memory free for the host (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
