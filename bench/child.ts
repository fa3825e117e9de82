/** Runs a program of the benchmarks in a process of its own and reads the JSON of its last output line. */
import { execFileSync } from 'child_process';
import * as path from 'path';

/** The JSON value on the last line `file args...` prints. */
export function childJson<T>(file: string, args: readonly string[]): T {
  const out = execFileSync(file, args, { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** ts-node's hook, for the bench's TypeScript files run in a Node process of their own. */
const tsNode = require.resolve('ts-node/register/transpile-only');

/** The JSON value on the last line the bench's TypeScript file `script` (beside this file) prints. */
export function nodeJson<T>(script: string, args: readonly string[]): T {
  return childJson<T>(process.execPath, ['-r', tsNode, path.join(__dirname, script), ...args]);
}
