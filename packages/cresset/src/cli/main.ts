#!/usr/bin/env node
/** The `cresset` command line: train, summary, verify, on commander. */
import { Command, CommanderError } from 'commander';
import { CressetError } from '@cresset/tensor';
import { defineSummary, runSummary } from './summary_command';
import { defineTrain, runTrain } from './train_command';
import { defineVerify, runVerify } from './verify_command';
import { VERSION } from './version';

/** Where the command line writes: report lines, and errors. */
export interface Output {
  log(s: string): void;
  error(s: string): void;
}

const CONSOLE: Output = { log: (s) => console.log(s), error: (s) => console.error(s) };

/** The `cresset` program; its actions set `status.code`. */
function program(out: Output, status: { code: number }): Command {
  const p = new Command('cresset')
    .description('PyTorch-style deep learning for Node.js')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError('(add --help for the options)')
    .configureOutput({ writeOut: (s) => out.log(s.replace(/\n$/, '')), writeErr: (s) => out.error(s.replace(/\n$/, '')) });
  defineTrain(p.command('train')).action(async (o) => runTrain(o, out.log));
  defineSummary(p.command('summary')).action((o) => runSummary(o, out.log));
  defineVerify(p.command('verify')).action(async (o) => {
    status.code = (await runVerify(o, out.log)) ? 0 : 1;
  });
  return p;
}

/** Runs the command line on `argv`; resolves to the exit code (2 for bad input, 1 for a failed verify). */
export async function main(argv: string[], out: Output = CONSOLE): Promise<number> {
  const status = { code: 0 };
  try {
    await program(out, status).parseAsync(argv, { from: 'user' });
    return status.code;
  } catch (e) {
    // commander has already printed its message (or the help, or the version)
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CressetError) {
      out.error(`cresset ${argv[0]}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

/** Runs the command line on `argv` and sets the process's exit code from it. */
export function run(argv: string[]): void {
  main(argv).then((code) => (process.exitCode = code));
}

if (require.main === module) run(process.argv.slice(2));
