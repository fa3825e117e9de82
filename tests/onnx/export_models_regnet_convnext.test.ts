/** @jest-environment ./tests/onnx/ort_environment.js */
/** Every RegNet and ConvNeXt builder of torch.models but regnet_y_128gf (export_models_large.test.ts) exports (see export_models_check.ts). */
import { describeExports } from './export_models_check';

describeExports([
  'regnet_y_400mf', 'regnet_y_800mf', 'regnet_y_1_6gf', 'regnet_y_3_2gf', 'regnet_y_8gf', 'regnet_y_16gf', 'regnet_y_32gf',
  'regnet_x_400mf', 'regnet_x_800mf', 'regnet_x_1_6gf', 'regnet_x_3_2gf', 'regnet_x_8gf', 'regnet_x_16gf', 'regnet_x_32gf',
  'convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large',
]);
