/** `cresset summary --model lenet --input 3x32x32`: the per-layer table of summary.ts. */
import { Command } from 'commander';
import { buildModel, MODEL_HELP } from './model_spec';
import { integer, parseOptions } from './options';
import { parseShape, lenetOptionsFor } from './shapes';
import { formatSummary, summarize } from '../summary';

interface SummaryOptions { model: string; input: string; numClasses?: number }

/** Adds `cresset summary`'s options to `cmd`. */
export function defineSummary(cmd: Command): Command {
  return cmd
    .description('per layer: output shape, parameters, receptive field and mult-adds')
    .option('--model <name|file>', `the model: ${MODEL_HELP}`, 'lenet')
    .option('--num-classes <n>', "outputs of the model (the builder's default: 10 for lenet, 1000 for torchvision's)", integer(1))
    .option('--input <CxHxW>', 'the shape of one input image', '3x32x32');
}

/** Prints the summary for parsed options. */
export function runSummary(o: SummaryOptions, log: (s: string) => void = console.log): void {
  const input = parseShape('input', o.input);
  const lenet = o.model.toLowerCase() === 'lenet' ? lenetOptionsFor(input) : undefined;
  const model = buildModel(o.model, { imageShape: input, numClasses: o.numClasses, lenet });
  log(formatSummary(summarize(model, input)));
}

/** `cresset summary` on raw arguments. */
export function summaryCommand(argv: string[], log: (s: string) => void = console.log): void {
  runSummary(parseOptions<SummaryOptions>(defineSummary, argv), log);
}
