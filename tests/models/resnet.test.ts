/** torch.models' ResNet, ResNeXt and Wide ResNet builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['resnet18', 'resnet34', 'resnet50', 'resnet101', 'resnet152', 'resnext50_32x4d', 'resnext101_32x8d', 'resnext101_64x4d', 'wide_resnet50_2', 'wide_resnet101_2'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
