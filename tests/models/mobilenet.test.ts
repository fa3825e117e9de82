/** torch.models' MobileNet V2 and V3 builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['mobilenet_v2', 'mobilenet_v3_small', 'mobilenet_v3_large'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
