/** torch.models' AlexNet, VGG (with and without BatchNorm) and SqueezeNet builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['alexnet', 'vgg11', 'vgg11_bn', 'vgg13', 'vgg13_bn', 'vgg16', 'vgg16_bn', 'vgg19', 'vgg19_bn', 'squeezenet1_0', 'squeezenet1_1'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
