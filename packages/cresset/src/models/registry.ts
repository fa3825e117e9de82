/** The torch.models builders by torchvision's names, for the command line (`--model resnet18`). */
import type * as nn from '@cresset/nn';
import { ValueError } from '@cresset/tensor';
import { LeNet } from './lenet';
import { alexnet } from './alexnet';
import * as convnext from './convnext';
import * as densenet from './densenet';
import * as efficientnet from './efficientnet';
import { googlenet } from './googlenet';
import { inception_v3 } from './inception_v3';
import * as mnasnet from './mnasnet';
import { mobilenet_v2 } from './mobilenet_v2';
import { mobilenet_v3_large, mobilenet_v3_small } from './mobilenet_v3';
import * as regnet from './regnet';
import * as resnet from './resnet';
import * as shufflenet from './shufflenet_v2';
import * as squeezenet from './squeezenet';
import * as vgg from './vgg';
import * as vit from './vision_transformer';
import * as swin from './swin_transformer';
import * as swinV2 from './swin_transformer_v2';

/** A builder: torchvision's options object in, a freshly initialised model out. */
export type ModelBuilder = (options?: { numClasses?: number }) => nn.Module;

/** Every builder under its torchvision name ('lenet' is cresset's LeNet). */
export const builders: Readonly<Record<string, ModelBuilder>> = {
  lenet: (o = {}) => new LeNet(o),
  resnet18: resnet.resnet18, resnet34: resnet.resnet34, resnet50: resnet.resnet50, resnet101: resnet.resnet101, resnet152: resnet.resnet152,
  resnext50_32x4d: resnet.resnext50_32x4d, resnext101_32x8d: resnet.resnext101_32x8d, resnext101_64x4d: resnet.resnext101_64x4d,
  wide_resnet50_2: resnet.wide_resnet50_2, wide_resnet101_2: resnet.wide_resnet101_2,
  alexnet,
  vgg11: vgg.vgg11, vgg11_bn: vgg.vgg11_bn, vgg13: vgg.vgg13, vgg13_bn: vgg.vgg13_bn,
  vgg16: vgg.vgg16, vgg16_bn: vgg.vgg16_bn, vgg19: vgg.vgg19, vgg19_bn: vgg.vgg19_bn,
  squeezenet1_0: squeezenet.squeezenet1_0, squeezenet1_1: squeezenet.squeezenet1_1,
  mobilenet_v2, mobilenet_v3_large, mobilenet_v3_small,
  densenet121: densenet.densenet121, densenet161: densenet.densenet161, densenet169: densenet.densenet169, densenet201: densenet.densenet201,
  shufflenet_v2_x0_5: shufflenet.shufflenet_v2_x0_5, shufflenet_v2_x1_0: shufflenet.shufflenet_v2_x1_0,
  shufflenet_v2_x1_5: shufflenet.shufflenet_v2_x1_5, shufflenet_v2_x2_0: shufflenet.shufflenet_v2_x2_0,
  googlenet, inception_v3,
  regnet_y_400mf: regnet.regnet_y_400mf, regnet_y_800mf: regnet.regnet_y_800mf, regnet_y_1_6gf: regnet.regnet_y_1_6gf, regnet_y_3_2gf: regnet.regnet_y_3_2gf,
  regnet_y_8gf: regnet.regnet_y_8gf, regnet_y_16gf: regnet.regnet_y_16gf, regnet_y_32gf: regnet.regnet_y_32gf, regnet_y_128gf: regnet.regnet_y_128gf,
  regnet_x_400mf: regnet.regnet_x_400mf, regnet_x_800mf: regnet.regnet_x_800mf, regnet_x_1_6gf: regnet.regnet_x_1_6gf, regnet_x_3_2gf: regnet.regnet_x_3_2gf,
  regnet_x_8gf: regnet.regnet_x_8gf, regnet_x_16gf: regnet.regnet_x_16gf, regnet_x_32gf: regnet.regnet_x_32gf,
  convnext_tiny: convnext.convnext_tiny, convnext_small: convnext.convnext_small, convnext_base: convnext.convnext_base, convnext_large: convnext.convnext_large,
  efficientnet_b0: efficientnet.efficientnet_b0, efficientnet_b1: efficientnet.efficientnet_b1, efficientnet_b2: efficientnet.efficientnet_b2, efficientnet_b3: efficientnet.efficientnet_b3, efficientnet_b4: efficientnet.efficientnet_b4, efficientnet_b5: efficientnet.efficientnet_b5,
  efficientnet_b6: efficientnet.efficientnet_b6, efficientnet_b7: efficientnet.efficientnet_b7, efficientnet_v2_s: efficientnet.efficientnet_v2_s, efficientnet_v2_m: efficientnet.efficientnet_v2_m, efficientnet_v2_l: efficientnet.efficientnet_v2_l,
  mnasnet0_5: mnasnet.mnasnet0_5, mnasnet0_75: mnasnet.mnasnet0_75, mnasnet1_0: mnasnet.mnasnet1_0, mnasnet1_3: mnasnet.mnasnet1_3,
  vit_b_16: vit.vit_b_16, vit_b_32: vit.vit_b_32, vit_l_16: vit.vit_l_16, vit_l_32: vit.vit_l_32, vit_h_14: vit.vit_h_14,
  swin_t: swin.swin_t, swin_s: swin.swin_s, swin_b: swin.swin_b, swin_v2_t: swinV2.swin_v2_t, swin_v2_s: swinV2.swin_v2_s, swin_v2_b: swinV2.swin_v2_b,
};

/** The names builders knows, sorted. */
export const modelNames = (): string[] => Object.keys(builders).sort();

/** The model the builder called `name` makes from `options`, or a ValueError listing the known names. */
export function buildModel(name: string, options: { numClasses?: number } = {}): nn.Module {
  const b = Object.prototype.hasOwnProperty.call(builders, name) ? builders[name] : undefined;
  if (!b) throw new ValueError(`torch.models: unknown model '${name}'; known models: ${modelNames().join(', ')}`);
  return b(options);
}
