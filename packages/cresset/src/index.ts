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
export type { CreationOptions, DeviceLike, RandomOptions, TensorLike, ValuesIndices } from '@cresset/autograd';
/** torch.device('cpu'): the CPU is cresset's only device. */
export { device, Device } from '@cresset/autograd';
export {
  Generator, manualSeed, initialSeed, defaultGenerator, setPrintOptions, getPrintOptions, Size, promoteTypes,
  CressetError, ShapeError, DTypeError, IndexError, FormatError, ValueError, AutogradError,
} from '@cresset/tensor';
export type { DType, IndexSpec } from '@cresset/tensor';
export { setNumThreads, getNumThreads } from '@cresset/tensor';

/** dtypes under PyTorch's names: torch.float32, torch.float, torch.int64, torch.long, ... */
export const float32 = 'float32', float = 'float32', float64 = 'float64', double = 'float64';
export const int32 = 'int32', int = 'int32', int64 = 'int64', long = 'int64', uint8 = 'uint8', bool = 'bool';

/** torch.is_tensor. */
export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;
/** torch.numel. */
export const numel = (x: Tensor) => x.numel();
/** torch.get_default_dtype. */
export const getDefaultDtype = () => T.DEFAULT_FLOAT;

// functional forms of the Tensor methods, as torch.add(x, y) ...
type TL = Tensor | number;
export const add = (a: Tensor, b: TL, opts?: { alpha?: number }) => a.add(b, opts);
export const sub = (a: Tensor, b: TL, opts?: { alpha?: number }) => a.sub(b, opts);
export const mul = (a: Tensor, b: TL) => a.mul(b);
export const div = (a: Tensor, b: TL) => a.div(b);
export const pow = (a: Tensor, b: TL) => a.pow(b);
export const neg = (a: Tensor) => a.neg();
export const exp = (a: Tensor) => a.exp();
export const log = (a: Tensor) => a.log();
export const sqrt = (a: Tensor) => a.sqrt();
export const abs = (a: Tensor) => a.abs();
export const relu = (a: Tensor) => a.relu();
export const sigmoid = (a: Tensor) => a.sigmoid();
export const tanh = (a: Tensor) => a.tanh();
export const clamp = (a: Tensor, min: number | null = null, max: number | null = null) => a.clamp(min, max);
export const sum = (a: Tensor, dim?: number | number[], keepdim?: boolean) => a.sum(dim, keepdim);
export const mean = (a: Tensor, dim?: number | number[], keepdim?: boolean) => a.mean(dim, keepdim);
export const prod = (a: Tensor, dim?: number, keepdim?: boolean) => a.prod(dim, keepdim);
export const argmax = (a: Tensor, dim?: number, keepdim?: boolean) => a.argmax(dim, keepdim);
export const argmin = (a: Tensor, dim?: number, keepdim?: boolean) => a.argmin(dim, keepdim);
export const flatten = (a: Tensor, startDim?: number, endDim?: number) => a.flatten(startDim, endDim);
export const reshape = (a: Tensor, shape: number[]) => a.reshape(shape);
export const transpose = (a: Tensor, d0: number, d1: number) => a.transpose(d0, d1);
export const permute = (a: Tensor, dims: number[]) => a.permute(dims);
export const squeeze = (a: Tensor, dim?: number) => a.squeeze(dim);
export const unsqueeze = (a: Tensor, dim: number) => a.unsqueeze(dim);
export const t = (a: Tensor) => a.t();
export const allclose = (a: Tensor, b: Tensor, rtol?: number, atol?: number) => a.allclose(b, rtol, atol);
export const equal = (a: Tensor, b: Tensor) => a.equal(b);

/** torch.nn, with torch.nn.functional as nn.functional and torch.nn.init as nn.init. */
export * as nn from '@cresset/nn';
export { pad } from '@cresset/autograd';
/** torch.optim, with torch.optim.lr_scheduler as optim.lrScheduler. */
export * as optim from '@cresset/optim';
import * as data from '@cresset/data';
/** torch.utils.data: Dataset, DataLoader, samplers, randomSplit. */
export const utils = { data };
/** torchvision.datasets and torchvision.transforms. */
export const datasets = data.datasets;
export const transforms = data.transforms;
/** Models known to the command line by name (LeNet). */
export * as models from './models';
/** torch.onnx: export by tracing, import, and verification against onnxruntime-node. */
export * as onnx from '@cresset/onnx';
/** torch.save / torch.load for .safetensors files (state dicts under PyTorch's names, and checkpoints). */
export { save, load } from './serialization';
/** torch.backends.cpu.getCpuCapability(): the active kernel backend. */
export * as backends from './backends';
/** torch.cuda.isAvailable(): false, as cresset computes on the CPU only. */
export * as cuda from './cuda';
