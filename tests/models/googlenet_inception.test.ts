/** torch.models' GoogLeNet and Inception v3 builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['googlenet', 'inception_v3'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
