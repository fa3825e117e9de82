/**
 * Printing against PyTorch's repr (scripts/fixtures/tensor_print.py): integer, fixed and scientific
 * modes, nan/inf/-0., every dtype and its dtype= suffix, empty and 0-d tensors, wrapping at the
 * line width, `...` summaries, and each print option. Strings must match exactly.
 */
import { PrintOptions, setPrintOptions } from '../src';
import { decode, JsonTensor, loadFixture } from './fixture';

interface Case {
  name: string;
  tensor: JsonTensor;
  options: Partial<PrintOptions> & { profile?: 'default' | 'short' | 'full' };
  repr: string;
}
const { cases } = loadFixture<{ cases: Case[] }>('tensor_print');

afterEach(() => setPrintOptions({ profile: 'default' }));

test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  setPrintOptions({ profile: 'default' });
  setPrintOptions(c.options);
  expect(decode(c.tensor).toString()).toBe(c.repr);
});
