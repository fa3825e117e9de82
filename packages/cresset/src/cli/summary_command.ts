/** `cresset summary --model lenet --input 3x32x32`: the per-layer table of summary.ts. */
import { Command, Option } from 'commander';
import { parseOptions } from './options';
import { parseShape, lenetOptionsFor } from './shapes';
import { formatSummary, summarize } from './summary';
import { buildModel, MODELS } from './train';

interface SummaryOptions { model: string; input: string }

/** Adds `cresset summary`'s options to `cmd`. */
export function defineSummary(cmd: Command): Command {
  return cmd
    .description('per layer: output shape, parameters, receptive field and mult-adds')
    .addOption(new Option('--model <name>', 'the model').choices(MODELS).default('lenet'))
    .option('--input <CxHxW>', 'the shape of one input image', '3x32x32');
}

/** Prints the summary for parsed options. */
export function runSummary(o: SummaryOptions, log: (s: string) => void = console.log): void {
  const input = parseShape('input', o.input);
  const model = buildModel(o.model, { model: lenetOptionsFor(input) });
  log(formatSummary(summarize(model, input)));
}

/** `cresset summary` on raw arguments. */
export function summaryCommand(argv: string[], log: (s: string) => void = console.log): void {
  runSummary(parseOptions<SummaryOptions>(defineSummary, argv), log);
}
