/**
 * `--model`: a torch.models name (lenet, resnet18, mobilenet_v3_small, ...) or the path of the
 * user's own module file (`./net.ts` or `.js`) exporting a Module class or a factory. The model is
 * built for the data's image shape and class count and checked on one input of that shape.
 */
import * as nodePath from 'path';
import { noGrad, Tensor, zeros } from '@cresset/autograd';
import * as nn from '@cresset/nn';
import { ValueError } from '@cresset/tensor';
import { builders, LeNet, modelNames } from '../models';
import type { LeNetOptions } from '../models';

/** What a model is built for: the image shape (C, H, W), the classes, and LeNet's fit to the shape. */
export interface ModelTarget {
  imageShape: readonly number[];
  numClasses?: number;
  /** LeNet's options for the shape (only `lenet` uses them). */
  lenet?: LeNetOptions;
}

/** The options a model file's class or factory is called with. */
export interface ModelFileOptions {
  numClasses?: number;
  /** The image shape (C, H, W) of the data. */
  inputShape: number[];
  inChannels: number;
}

/** `--model`'s help: what it takes. */
export const MODEL_HELP = `a torch.models name (${modelNames().join(', ')}) or the path of a .ts/.js file exporting a Module class or factory (called with { numClasses, inputShape, inChannels })`;

/** Whether `--model` names a file rather than a torch.models builder. */
export const isModelPath = (spec: string) => /^[./~]|\.[cm]?[jt]s$/.test(spec) || spec.includes(nodePath.sep);

/** The name runs and weight files use for a model: the builder's name, or a file's base name. */
export const modelLabel = (spec: string) => (isModelPath(spec) ? nodePath.basename(spec).replace(/\.[cm]?[jt]s$/, '') : spec.toLowerCase());

/** Requires a .ts file through ts-node's transpiler (registered once), or a .js file as it is. */
function requireModelFile(file: string): Record<string, unknown> {
  if (/\.[cm]?ts$/.test(file)) {
    let tsNode: { register(o: object): void };
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      tsNode = require('ts-node');
    } catch {
      throw new ValueError(`--model ${file}: loading a .ts model file needs ts-node (npm install ts-node), or give the compiled .js file`);
    }
    const flag = '__cressetTsNodeRegistered';
    const g = globalThis as unknown as Record<string, boolean>;
    if (!g[flag]) {
      tsNode.register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
      g[flag] = true;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(file) as Record<string, unknown>;
}

const isModuleClass = (v: unknown): v is new (o: ModelFileOptions) => nn.Module =>
  typeof v === 'function' && v.prototype instanceof nn.Module;

/** The module a file's export builds: its default export, else its only exported function or class. */
function buildFromFile(spec: string, o: ModelFileOptions): nn.Module {
  const file = nodePath.resolve(spec);
  const exports = requireModelFile(file);
  const fns = Object.entries(exports).filter(([, v]) => typeof v === 'function');
  const pick = typeof exports.default === 'function' ? exports.default : fns.length === 1 ? fns[0][1] : undefined;
  if (!pick) {
    throw new ValueError(`--model ${spec}: expected a default export, or exactly one exported Module class or factory function; found ${fns.map(([k]) => k).join(', ') || 'none'}`);
  }
  const m = isModuleClass(pick) ? new pick(o) : (pick as (o: ModelFileOptions) => unknown)(o);
  if (!(m instanceof nn.Module)) throw new ValueError(`--model ${spec}: its export returned ${m === null ? 'null' : typeof m}, not an nn.Module`);
  return m;
}

/** Builds the model `spec` names for `target`, then runs it once on zeros of the image shape to check that it fits. */
export function buildModel(spec: string, target: ModelTarget): nn.Module {
  const { imageShape, numClasses } = target;
  let model: nn.Module;
  if (isModelPath(spec)) model = buildFromFile(spec, { numClasses, inputShape: [...imageShape], inChannels: imageShape[0] });
  else if (spec.toLowerCase() === 'lenet') model = new LeNet({ ...target.lenet, ...(numClasses === undefined ? {} : { numClasses }) });
  else {
    const b = Object.prototype.hasOwnProperty.call(builders, spec) ? builders[spec] : undefined;
    if (!b) throw new ValueError(`--model ${spec}: unknown model; expected a file path (./net.ts, ./net.js) or one of ${modelNames().join(', ')}`);
    model = b(numClasses === undefined ? {} : { numClasses });
  }
  checkFits(spec, model, imageShape, numClasses);
  return model;
}

/** Runs model (in eval mode, without gradients) on one image of zeros; a failure or a wrong output shape is a ValueError naming the model and shape. */
function checkFits(spec: string, model: nn.Module, imageShape: readonly number[], numClasses?: number): void {
  const wasTraining = model.training;
  let out: unknown;
  try {
    model.eval();
    out = noGrad(() => model.forward(zeros([1, ...imageShape])));
  } catch (e) {
    throw new ValueError(`--model ${spec}: does not run on ${imageShape.join('x')} images: ${(e as Error).message}`);
  } finally {
    model.train(wasTraining);
  }
  const shape = out instanceof Tensor ? out.shape : null;
  if (!shape || shape.length !== 2 || (numClasses !== undefined && shape[1] !== numClasses)) {
    throw new ValueError(`--model ${spec}: on one ${imageShape.join('x')} image the output should be logits of shape [1, ${numClasses ?? 'classes'}], got ${shape ? `[${shape.join(', ')}]` : typeof out}`);
  }
}
