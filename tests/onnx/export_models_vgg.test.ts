/** @jest-environment ./tests/onnx/ort_environment.js */
/** Every VGG builder of torch.models exports at 224x224 (see export_models_check.ts); each file is about 500 MB. */
import { describeExports } from './export_models_check';

describeExports(['vgg11', 'vgg11_bn', 'vgg13', 'vgg13_bn', 'vgg16', 'vgg16_bn', 'vgg19', 'vgg19_bn']);
