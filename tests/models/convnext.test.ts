/** torch.models' ConvNeXt builders against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['convnext_tiny', 'convnext_small', 'convnext_base', 'convnext_large'] as const;

describeModels(names, (name, o) => torch.models[name as (typeof names)[number]](o));
