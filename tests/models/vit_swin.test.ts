/** torch.models' Vision Transformer and Swin Transformer (V1, V2) builders and classes against torchvision 0.14 (see check_models.ts). */
import * as torch from 'cresset';
import { describeModels } from './check_models';

const names = ['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14', 'VisionTransformer',
  'swin_t', 'swin_s', 'swin_b', 'swin_v2_t', 'swin_v2_s', 'swin_v2_b', 'SwinTransformer'] as const;

/** The classes the fixture passes to SwinTransformer, which it names in the options. */
const swinClasses: Record<string, unknown> = { SwinTransformerBlockV2: torch.models.SwinTransformerBlockV2, PatchMergingV2: torch.models.PatchMergingV2 };

/** The builder torch.models.builders (the command line's table) has under name, or the class itself for the cases that build it directly (as the fixture does). */
function build(name: string, o: Record<string, unknown>): torch.nn.Module {
  if (name === 'VisionTransformer') return new torch.models.VisionTransformer(o as unknown as torch.models.VisionTransformerOptions);
  if (name === 'SwinTransformer') {
    const classes = Object.fromEntries(['block', 'downsampleLayer'].filter((k) => k in o).map((k) => [k, swinClasses[o[k] as string]]));
    return new torch.models.SwinTransformer({ ...o, ...classes } as unknown as torch.models.SwinTransformerOptions);
  }
  return torch.models.builders[name](o as { numClasses?: number });
}

describeModels(names, ['vit_b_16', 'vit_b_32', 'VisionTransformer', 'swin_t', 'swin_v2_t', 'SwinTransformer'], build);
