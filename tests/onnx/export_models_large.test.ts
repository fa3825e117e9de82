/** @jest-environment ./tests/onnx/ort_environment.js */
/**
 * The two torch.models builders whose weights pass protobuf's 2 GiB, regnet_y_128gf (2.6 GB) and
 * vit_h_14 (2.5 GB), export with their weights as ONNX external data, as torch.onnx.export writes
 * them, pass onnx.checker and verify (see export_models_check.ts). One file, so that the two
 * (10 GB of memory each at their peak) never run at once.
 */
import { describeExports } from './export_models_check';

describeExports(['regnet_y_128gf', 'vit_h_14']);
