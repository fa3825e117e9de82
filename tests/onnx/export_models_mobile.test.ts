/** @jest-environment ./tests/onnx/ort_environment.js */
/** Every MobileNet, MNASNet, ShuffleNet V2 and EfficientNet builder of torch.models exports (see export_models_check.ts). */
import { describeExports } from './export_models_check';

describeExports([
  'mobilenet_v2', 'mobilenet_v3_small', 'mobilenet_v3_large', 'mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3',
  'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0',
  'efficientnet_b0', 'efficientnet_b1', 'efficientnet_b2', 'efficientnet_b3', 'efficientnet_b4', 'efficientnet_b5', 'efficientnet_b6', 'efficientnet_b7',
  'efficientnet_v2_s', 'efficientnet_v2_m', 'efficientnet_v2_l',
]);
