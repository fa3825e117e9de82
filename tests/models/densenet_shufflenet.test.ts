/** torch.models' DenseNet and ShuffleNet V2 builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['densenet121', 'densenet161', 'densenet169', 'densenet201', 'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
