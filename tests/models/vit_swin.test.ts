/**
 * torch.models' Vision Transformer and Swin Transformer (V1, V2) builders and classes against
 * torchvision 0.14 (see check_models.ts), and interpolateEmbeddings against interpolate_embeddings.
 */
import * as fs from 'fs';
import * as path from 'path';
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

describeModels(names, build);

interface InterpolateCase { imageSize: number; patchSize: number; mode: 'bicubic' | 'bilinear'; resetHeads: boolean; keys: string[]; shape: number[]; sum: number; sumSquares: number; head: number[] }
const interpolation = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'models_vit_interpolate.json'), 'utf8')) as { model: torch.models.VisionTransformerOptions; cases: InterpolateCase[] };

test.each(interpolation.cases.map((c) => [`${c.imageSize}/${c.patchSize} ${c.mode}${c.resetHeads ? ', reset heads' : ''}`, c] as const))(
  'interpolateEmbeddings(%s) resizes the position embeddings as torchvision\'s interpolate_embeddings', (_n, c) => {
    torch.manualSeed(0);
    const sd = new torch.models.VisionTransformer(interpolation.model).stateDict();
    const out = torch.models.interpolateEmbeddings(c.imageSize, c.patchSize, sd, c.mode, c.resetHeads);
    const pos = out['encoder.pos_embedding'];
    expect([Object.keys(out), pos.shape]).toEqual([c.keys, c.shape]);
    const flat = pos.double().reshape(-1);
    const values = flat.toArray() as number[];
    expect(Math.max(...c.head.map((e, i) => Math.abs(values[i] - e)))).toBeLessThan(1e-6);
    expect(flat.sum().item()).toBeCloseTo(c.sum, 5);
    expect(flat.square().sum().item()).toBeCloseTo(c.sumSquares, 5);
    const resized = new torch.models.VisionTransformer({ ...interpolation.model, imageSize: c.imageSize });
    const missing = c.keys.length < Object.keys(sd).length ? ['heads.head.weight', 'heads.head.bias'] : [];
    expect(resized.loadStateDict(out, { strict: missing.length === 0 })).toEqual({ missingKeys: missing, unexpectedKeys: [] });
  });
