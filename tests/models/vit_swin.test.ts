/** torch.models' Vision Transformer and Swin Transformer builders and classes against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14', 'VisionTransformer', 'swin_t', 'swin_s', 'swin_b', 'SwinTransformer'] as const;

/** The builder torch.models.builders (the command line's table) has under name, or the class itself for the cases that build it directly (as the fixture does). */
function build(name: string, o: Record<string, unknown>): torch.nn.Module {
  if (name === 'VisionTransformer') return new torch.models.VisionTransformer(o as unknown as torch.models.VisionTransformerOptions);
  if (name === 'SwinTransformer') return new torch.models.SwinTransformer(o as unknown as torch.models.SwinTransformerOptions);
  return torch.models.builders[name](o as { numClasses?: number });
}

describeModels(names, ['vit_b_16', 'vit_b_32', 'VisionTransformer', 'swin_t', 'SwinTransformer'], build);
