/** Option-argument parsers for the command line (commander), and parsing one command's options alone. */
import { Command, InvalidArgumentError } from 'commander';

/** A parser of integers from `min` to `max` (no bound by default); commander reports a bad value naming the option. */
export function integer(min: number, max = Infinity): (value: string) => number {
  return (value) => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isInteger(x) || x < min || x > max) {
      if (max !== Infinity) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
      throw new InvalidArgumentError(min === Number.MIN_SAFE_INTEGER ? 'expected an integer' : `expected an integer >= ${min}`);
    }
    return x;
  };
}

/** A parser of finite numbers >= `min` (or > `min` when `exclusive`). */
export function number(min: number, exclusive = false): (value: string) => number {
  return (value) => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < min || (exclusive && x === min)) {
      throw new InvalidArgumentError(`expected a number ${exclusive ? '>' : '>='} ${min}`);
    }
    return x;
  };
}

/** Any integer, negative ones included (a seed, as torch.manual_seed takes). */
export const anyInteger = integer(Number.MIN_SAFE_INTEGER);

/**
 * Parses `argv` with the options that `define` adds to a command, and returns them; bad input
 * throws commander's error (its message says what was wrong) instead of exiting.
 */
export function parseOptions<T>(define: (c: Command) => Command, argv: string[]): T {
  const cmd = define(new Command()).exitOverride().configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  cmd.parse(argv, { from: 'user' });
  return cmd.opts() as T;
}
