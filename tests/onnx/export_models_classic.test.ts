/** @jest-environment ./tests/onnx/ort_environment.js */
/** Every ResNet, AlexNet, SqueezeNet, DenseNet, GoogLeNet and Inception builder of torch.models exports (see export_models_check.ts). */
import { describeExports } from './export_models_check';

describeExports([
  'resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d', 'wide_resnet50_2', 'wide_resnet101_2',
  'alexnet', 'squeezenet1_0', 'squeezenet1_1', 'densenet121', 'densenet161', 'densenet169', 'densenet201', 'googlenet', 'inception_v3',
]);
