/** The fuzz targets by name: one per reader. */
import type { Target } from '../target';
import { cifar100Target, cifar10Target } from './cifar';
import { idxTarget } from './idx';
import { jpegTarget } from './jpeg';
import { onnxTarget } from './onnx';
import { pngTarget } from './png';
import { safetensors } from './safetensors';

export const TARGETS: Record<string, Target> = {
  safetensors, onnx: onnxTarget, idx: idxTarget, cifar10: cifar10Target, cifar100: cifar100Target, png: pngTarget, jpeg: jpegTarget,
};
