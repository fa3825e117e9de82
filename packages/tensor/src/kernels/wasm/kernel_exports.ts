/**
 * The seam between TypeScript and the AssemblyScript kernels (packages/tensor/assembly), in one
 * table: every function the module exports, with its parameters (all i32: counts, strides and
 * byte addresses), whether it returns a value, and whether the thread pool may run it on a
 * worker. The `KernelExports` type the backend calls through, the pool's op list and the
 * workers' dispatch table are all derived from it, and a test checks it against the names and
 * arities the compiled module really exports.
 */

interface Entry {
  readonly params: readonly string[];
  readonly returns: boolean;
  readonly pool: boolean;
}

/** A function that returns a value (a size, an address). */
const value = <const P extends readonly string[]>(params: P) => ({ params, returns: true, pool: false }) as const;
/** A kernel the calling thread runs itself. */
const call = <const P extends readonly string[]>(params: P) => ({ params, returns: false, pool: false }) as const;
/** A kernel the thread pool may run on any thread (a task). */
const task = <const P extends readonly string[]>(params: P) => ({ params, returns: false, pool: true }) as const;

export const KERNEL_EXPORTS = {
  heapBase: value([]),
  geometryInts: value([]),
  gemmScratchBytes: value([]),
  gemm: task(['M', 'N', 'K', 'a', 'aRs', 'aCs', 'b', 'bRs', 'bCs', 'c', 'ldc', 'accumulate', 'pack']),
  packedASize: value(['M', 'K']),
  packA: task(['groups', 'M', 'K', 'a', 'aGs', 'aRs', 'aCs', 'dst', 'u0', 'u1']),
  im2col: task(['geom', 'img', 'cols']),
  col2im: task(['geom', 'cols', 'img']),
  convRowStep: value(['geom']),
  convForward: task(['geom', 'groups', 'og', 'x', 'wp', 'bias', 'y', 'n0', 'n1', 'span', 'tmp', 'cols', 'pack', 'next']),
  pointwiseForward: task(['geom', 'groups', 'og', 'x', 'wp', 'bias', 'y', 'batch', 'step', 'pack', 'next']),
  convBackwardInput: task(['geom', 'groups', 'og', 'dy', 'wt', 'dx', 'n0', 'n1', 'span', 'dyc', 'cols', 'pack', 'next']),
  convBackwardWeight: task(['geom', 'groups', 'og', 'dy', 'x', 'dw', 'chunk', 'batch', 'span', 'dyc', 'cols', 'pack', 'next']),
  directScratchBytes: value(['geom']),
  directUnits: value(['geom', 'batch', 'groups']),
  directPackedSize: value(['og', 'kN']),
  packDirectWeights: call(['og', 'kN', 'w', 'dst', 'flip', 'kK']),
  directForward: task(['geom', 'groups', 'og', 'x', 'wp', 'bias', 'y', 'batch', 'pad', 'next']),
  directWeightScratchBytes: value(['geom', 'og']),
  directWeightGrad: task(['geom', 'groups', 'og', 'dy', 'x', 'dw', 'chunk', 'batch', 'scratch', 'next']),
  depthwiseScratchBytes: value(['geom']),
  depthwiseForward: task(['geom', 'groups', 'planes', 'x', 'w', 'bias', 'y', 'pad', 'next']),
  depthwiseWeightScratchBytes: value(['geom']),
  depthwiseWeightGrad: task(['geom', 'groups', 'dy', 'x', 'dw', 'chunk', 'batch', 'scratch', 'next']),
  addRow: call(['dst', 'src', 'n']),
  maxPool: task(['p0', 'p1', 'inN', 'oN', 'start', 'taps', 'src', 'values', 'indices']),
  maxPoolWindows: task(['geom', 'p0', 'p1', 'src', 'values', 'indices']),
  maxPoolBackward: task(['p0', 'p1', 'inN', 'oN', 'grad', 'indices', 'dx']),
  avgPoolPlanes: task(['geom', 'p0', 'p1', 'src', 'divs', 'out', 'adaptive', 'back']),
  reduceAxisScratchBytes: value([]),
  reduceAxisF32: task(['op', 'src', 'k', 'inner', 'out', 'u0', 'u1', 'acc']),
  reduceKeptF32: task(['op', 'src', 'A', 'K', 'B', 'out', 'k0', 'k1', 'correction']),
  channelSum: task(['outer', 'channels', 'inner', 'src', 'out', 'c0', 'c1']),
  channelNormF32: task(['p0', 'p1', 'channels', 'inner', 'x', 'mean', 'std', 'weight', 'bias', 'xhat', 'y', 'hasWeight', 'hasBias', 'keepXhat']),
  channelNormBackwardF32: task(['c0', 'c1', 'outer', 'channels', 'inner', 'gy', 'xhat', 'weight', 'std', 'training', 'gx', 'gw', 'gb']),
  sgdF32: task(['p', 'g', 'buf', 'i0', 'i1', 'at', 'nesterov', 'maximize']),
  unaryF32: task(['op', 'rows', 'n', 'a', 'aRs', 'as', 'o', 'oRs', 'pAt']),
  binaryF32: task(['op', 'rows', 'n', 'a', 'aRs', 'as', 'b', 'bRs', 'bs', 'o', 'oRs', 'pAt']),
} as const satisfies Record<string, Entry>;

/**
 * The geometry block the convolution and pooling kernels read (assembly/geometry.ts), in memory
 * order: every field an int32, each size over depth, height and width.
 */
export const GEOMETRY_FIELDS = [
  'channels', 'inD', 'inH', 'inW', 'kernelD', 'kernelH', 'kernelW', 'outD', 'outH', 'outW',
  'strideD', 'strideH', 'strideW', 'paddingD', 'paddingH', 'paddingW', 'dilationD', 'dilationH', 'dilationW',
] as const;

type Table = typeof KERNEL_EXPORTS;
export type KernelName = keyof Table;

/** One number argument per declared parameter. */
type Args<P extends readonly string[]> = { [I in keyof P]: number };

/** The module's exports as the backend calls them. */
export type KernelExports = {
  [K in KernelName]: (...args: Args<Table[K]['params']>) => Table[K]['returns'] extends true ? number : void;
};

/** The kernels a task of the thread pool may name: index i is op code i of the control block. */
export type PoolOp = { [K in KernelName]: Table[K]['pool'] extends true ? K : never }[KernelName];
export const POOL_OPS = (Object.keys(KERNEL_EXPORTS) as KernelName[]).filter((k): k is PoolOp => KERNEL_EXPORTS[k].pool);
