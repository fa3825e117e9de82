/** torch.models' MNASNet builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
