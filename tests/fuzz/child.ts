/**
 * Runs one reader's fuzz cases in this process, for fuzz.test.ts:
 *   node -r ts-node/register/transpile-only tests/fuzz/child.ts <target> <seed> <count>
 * on the built packages (dist). Case i is a truncation, a bit flip or a header edit (i mod 3) of
 * one of the target's files. Prints a JSON line as each case starts and one with its outcome:
 * "error" (a CressetError naming the file), "read" (a result the check accepts), "wrong" (a
 * result the check refuses) or "bad-error" (any other throw); at the end the peak RSS, sampled
 * after each read (getrusage's maxrss would count the spawning process's peak: Linux carries it
 * into a child).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CressetError, setAllocationLimit } from '@cresset/tensor';
import { flipBits, truncate } from './mutations';
import { Rng } from './rng';
import { TARGETS } from './targets';

const [name, seedArg, countArg] = process.argv.slice(2);
const target = TARGETS[name];
if (!target) throw new Error(`fuzz child: unknown target '${name}'; expected one of ${Object.keys(TARGETS).join(', ')}`);
setAllocationLimit(Number(process.env.FUZZ_ALLOCATION_LIMIT ?? 64 * 2 ** 20));

const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cresset-fuzz-${name}-`));
try {
  const files = target.setup(dir);
  const originals = files.map((f) => new Uint8Array(fs.readFileSync(f)));
  const rng = new Rng(Number(seedArg));
  let peak = process.memoryUsage().rss;
  for (let i = 0; i < Number(countArg); i++) {
    const k = rng.int(0, files.length);
    const kind = (['truncate', 'flip', 'header'] as const)[i % 3];
    const m = kind === 'truncate' ? truncate(rng, originals[k]) : kind === 'flip' ? flipBits(rng, originals[k]) : target.editHeader(rng, originals[k], files[k]);
    say({ i, kind, file: path.basename(files[k]), what: m.what });
    fs.writeFileSync(files[k], m.bytes);
    const t0 = performance.now();
    let outcome: string;
    let detail = '';
    try {
      const result = target.read(dir);
      peak = Math.max(peak, process.memoryUsage().rss);
      const why = target.check(result, files[k], m.bytes, dir);
      outcome = why === null ? 'read' : 'wrong';
      detail = why ?? '';
    } catch (e) {
      const err = e as Error;
      const named = err instanceof CressetError && err.message.includes(files[k]) && err.message.length > files[k].length + 12;
      outcome = named ? 'error' : 'bad-error';
      detail = `${err?.name}: ${String(err?.message).slice(0, 400)}`;
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    say({ i, outcome, ms: Math.round(performance.now() - t0), detail });
    fs.writeFileSync(files[k], originals[k]);
  }
  say({ done: true, maxRSS: peak });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
