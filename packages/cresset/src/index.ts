/**
 * cresset: `import * as torch from 'cresset'`. The torch namespace: tensors and their creation,
 * autograd, the default generator, dtypes, printing options.
 */
import * as T from '@cresset/tensor';
import { Tensor } from '@cresset/autograd';

export {
  Tensor, where, noGrad, enableGrad, isGradEnabled, setGradEnabled, gradcheck, Function,
  tensor, zeros, ones, empty, full, arange, linspace, eye, rand, randn, randint, randperm,
  zerosLike, onesLike, emptyLike, fullLike, randLike, randnLike, randintLike, cat, stack, matmul, maximum, minimum,
} from '@cresset/autograd';
import type { TensorLike, ValuesIndices } from '@cresset/autograd';
export type { CreationOptions, DeviceLike, RandomOptions, TensorLike, ValuesIndices } from '@cresset/autograd';
/** torch.device('cpu'): the CPU is cresset's only device. */
export { device, Device } from '@cresset/autograd';
export {
  Generator, manualSeed, initialSeed, defaultGenerator, setPrintOptions, getPrintOptions, Size, promoteTypes,
  CressetError, ShapeError, DTypeError, IndexError, FormatError, ValueError, AutogradError, AllocationError,
  setAllocationLimit, getAllocationLimit, setDecodeLimit, getDecodeLimit,
} from '@cresset/tensor';
export type { DType, IndexSpec } from '@cresset/tensor';
export { setNumThreads, getNumThreads } from '@cresset/tensor';
export * from './selection';
export * as autograd from './autograd';

/** torch.float32 (also torch.float): 32-bit floating point, the default dtype. */
export const float32 = 'float32', float = 'float32';
/** torch.float64 (also torch.double): 64-bit floating point. */
export const float64 = 'float64', double = 'float64';
/** torch.int32 (also torch.int): 32-bit integer. */
export const int32 = 'int32', int = 'int32';
/** torch.int64 (also torch.long): 64-bit integer, the dtype of class indices. */
export const int64 = 'int64', long = 'int64';
/** torch.uint8: 8-bit unsigned integer. */
export const uint8 = 'uint8';
/** torch.bool. */
export const bool = 'bool';

/** torch.is_tensor. */
export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
/** torch.numel. */
export const numel = (x: Tensor) => x.numel();
/** torch.get_default_dtype. */
export const getDefaultDtype = () => T.DEFAULT_FLOAT;

// functional forms of the Tensor methods, as torch.add(x, y) ...
/** a + alpha * b (torch.add). */
export const add = (a: Tensor, b: TensorLike, opts?: { alpha?: number }) => a.add(b, opts);
/** a - alpha * b (torch.sub). */
export const sub = (a: Tensor, b: TensorLike, opts?: { alpha?: number }) => a.sub(b, opts);
/** a * b, broadcasting (torch.mul). */
export const mul = (a: Tensor, b: TensorLike) => a.mul(b);
/** a / b, broadcasting (torch.div). */
export const div = (a: Tensor, b: TensorLike) => a.div(b);
/** a to the power b (torch.pow). */
export const pow = (a: Tensor, b: TensorLike) => a.pow(b);
/** -a (torch.neg). */
export const neg = (a: Tensor) => a.neg();
/** e to the a, elementwise (torch.exp). */
export const exp = (a: Tensor) => a.exp();
/** natural logarithm, elementwise (torch.log). */
export const log = (a: Tensor) => a.log();
/** square root, elementwise (torch.sqrt). */
export const sqrt = (a: Tensor) => a.sqrt();
/** absolute value, elementwise (torch.abs). */
export const abs = (a: Tensor) => a.abs();
/** max(a, 0), elementwise (torch.relu). */
export const relu = (a: Tensor) => a.relu();
/** 1 / (1 + e^-a), elementwise (torch.sigmoid). */
export const sigmoid = (a: Tensor) => a.sigmoid();
/** hyperbolic tangent, elementwise (torch.tanh). */
export const tanh = (a: Tensor) => a.tanh();
/** a limited to [min, max]; null leaves that side open (torch.clamp). */
export const clamp = (a: Tensor, min: number | null = null, max: number | null = null) => a.clamp(min, max);
/** sum of all elements, or over dim (torch.sum). */
export const sum = (a: Tensor, dim?: number | number[], keepdim?: boolean) => a.sum(dim, keepdim);
/** mean of all elements, or over dim (torch.mean). */
export const mean = (a: Tensor, dim?: number | number[], keepdim?: boolean) => a.mean(dim, keepdim);
/** product of all elements, or over dim (torch.prod). */
export const prod = (a: Tensor, dim?: number, keepdim?: boolean) => a.prod(dim, keepdim);
/** the p-norm of all elements, or over dim (torch.norm). */
export const norm = (a: Tensor, p?: number | 'fro', dim?: number | number[], keepdim?: boolean) => a.norm(p, dim, keepdim);
/** index of the largest value, flat or along dim (torch.argmax). */
export const argmax = (a: Tensor, dim?: number, keepdim?: boolean) => a.argmax(dim, keepdim);
/** index of the smallest value, flat or along dim (torch.argmin). */
export const argmin = (a: Tensor, dim?: number, keepdim?: boolean) => a.argmin(dim, keepdim);
/** a with dims startDim..endDim merged into one (torch.flatten). */
export const flatten = (a: Tensor, startDim?: number, endDim?: number) => a.flatten(startDim, endDim);
/** a with its elements shifted along dims, wrapping around; with no dims, flattened, rolled and reshaped back (torch.roll). */
export const roll = (a: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]) => a.roll(shifts, dims);
/** a with another shape, a view when possible (torch.reshape). */
export const reshape = (a: Tensor, shape: number[]) => a.reshape(shape);
/** a with dims d0 and d1 swapped, a view (torch.transpose). */
export const transpose = (a: Tensor, d0: number, d1: number) => a.transpose(d0, d1);
/** a with its dims reordered, a view (torch.permute). */
export const permute = (a: Tensor, dims: number[]) => a.permute(dims);
/** a without its size-1 dims, or only dim (torch.squeeze). */
export const squeeze = (a: Tensor, dim?: number) => a.squeeze(dim);
/** a with a size-1 dim inserted at dim (torch.unsqueeze). */
export const unsqueeze = (a: Tensor, dim: number) => a.unsqueeze(dim);
/** a 2-d tensor transposed (torch.t). */
export const t = (a: Tensor) => a.t();
/** The largest element; with dim, [values, indices] along it; with a tensor, the elementwise maximum (torch.max). */
export function max(a: Tensor): Tensor;
export function max(a: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(a: Tensor, other: Tensor): Tensor;
export function max(a: Tensor, d?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  return d === undefined ? a.max() : d instanceof Tensor ? a.max(d) : a.max(d, keepdim);
}
/** The smallest element; with dim, [values, indices] along it; with a tensor, the elementwise minimum (torch.min). */
export function min(a: Tensor): Tensor;
export function min(a: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(a: Tensor, other: Tensor): Tensor;
export function min(a: Tensor, d?: number | Tensor, keepdim = false): Tensor | ValuesIndices {
  return d === undefined ? a.min() : d instanceof Tensor ? a.min(d) : a.min(d, keepdim);
}
/** whether |a - b| <= atol + rtol * |b| everywhere (torch.allclose). */
export const allclose = (a: Tensor, b: Tensor, rtol?: number, atol?: number) => a.allclose(b, rtol, atol);
/** whether a and b have the same shape and values (torch.equal). */
export const equal = (a: Tensor, b: Tensor) => a.equal(b);

/** torch.nn, with torch.nn.functional as nn.functional and torch.nn.init as nn.init. */
export * as nn from '@cresset/nn';
export { pad } from '@cresset/autograd';
/** torch.optim, with torch.optim.lr_scheduler as optim.lrScheduler. */
export * as optim from '@cresset/optim';
import * as data from '@cresset/data';
/** torch.utils.data: Dataset, DataLoader, samplers, randomSplit. */
export const utils = { data };
/** torchvision.datasets: CIFAR10, CIFAR100, MNIST, FashionMNIST, ImageFolder. */
export const datasets = data.datasets;
/** torchvision.transforms: Compose, Normalize, RandomCrop, RandomHorizontalFlip, ... */
export const transforms = data.transforms;
/** torch.models: torchvision's classification models (resnet18, mobilenet_v3_small, ...) and LeNet. */
export * as models from './models';
/** torch.summary(model, inputSize): the torchinfo table (output shape, parameters, receptive field, mult-adds per layer). */
export { summary } from './summary';
export type { SummaryTable, ModelSummary, LayerSummary } from './summary';
/** torch.onnx: export by tracing, import, and verification against onnxruntime-node. */
export * as onnx from '@cresset/onnx';
/** torch.save / torch.load for .safetensors files (state dicts under PyTorch's names, and checkpoints). */
export { save, load } from './serialization';
/** torch.backends.cpu.getCpuCapability(): the active kernel backend. */
export * as backends from './backends';
/** torch.cuda.isAvailable(): false, as cresset computes on the CPU only. */
export * as cuda from './cuda';
/** torch.compile: planned execution of a module's forward or of a whole training step. */
export { compile, CompiledFunction, CompileError, OptimizedModule, OnnxRuntimeModule } from './compile';
export type { Compiled, CompileOptions, CompileStats } from './compile';
