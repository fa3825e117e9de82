#!/usr/bin/env node
/** The `cresset` command line: train, summary, verify. */
import { CressetError } from '@cresset/tensor';
import { summaryCommand, SUMMARY_USAGE } from './summary_command';
import { trainCommand, TRAIN_USAGE } from './train_command';
import { verifyCommand, VERIFY_USAGE } from './verify_command';

const USAGE = `cresset: PyTorch-style deep learning for Node.js

${TRAIN_USAGE}
${SUMMARY_USAGE}
${VERIFY_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const usage: Record<string, string> = { train: TRAIN_USAGE, summary: SUMMARY_USAGE, verify: VERIFY_USAGE };
  if (usage[command] && (rest.includes('--help') || rest.includes('-h'))) {
    console.log(usage[command]);
    return 0;
  }
  try {
    switch (command) {
      case 'train': trainCommand(rest); return 0;
      case 'summary': summaryCommand(rest); return 0;
      case 'verify': return (await verifyCommand(rest)) ? 0 : 1;
      case undefined: case 'help': case '--help': case '-h': console.log(USAGE); return command ? 0 : 2;
    }
    console.error(`cresset: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  } catch (e) {
    // bad input (CressetError) and bad options (parseArgs' TypeError) are reported without a stack
    if (e instanceof CressetError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`cresset ${command}: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
