/** `cresset summary --model lenet --input 3x32x32`: the per-layer table of summary.ts. */
import { parseArgs } from 'util';
import { buildModel } from './train';
import { parseShape, lenetOptionsFor } from './shapes';
import { formatSummary, summarize } from './summary';

export const SUMMARY_USAGE = 'usage: cresset summary [--model lenet] [--input 3x32x32]';

export function summaryCommand(argv: string[], log: (s: string) => void = console.log): void {
  const { values } = parseArgs({ args: argv, strict: true, options: { model: { type: 'string' }, input: { type: 'string' } } });
  const input = parseShape('input', values.input ?? '3x32x32');
  const model = buildModel(values.model ?? 'lenet', { model: lenetOptionsFor(input) });
  log(formatSummary(summarize(model, input)));
}
