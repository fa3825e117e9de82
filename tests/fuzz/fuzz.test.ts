/**
 * The fuzz suite: for each reader (safetensors via torch.load, ONNX import, IDX and gzip,
 * CIFAR-10, CIFAR-100, PNG, JPEG), seeded truncations, bit flips and header edits of files cresset
 * writes, run in a child process (child.ts, on the built packages) under a heap cap, a decode
 * limit, an allocation limit and a timeout. Every case must end in a CressetError naming the
 * file and what is wrong, or in a result the target's check finds to be what the changed file
 * says; the child's peak memory stays bounded and no case is slow.
 * FUZZ_SEED and FUZZ_CASES change the seed and the number of cases per reader.
 */
import { spawn } from 'child_process';
import * as path from 'path';

const CHILD = path.join(__dirname, 'child.ts');
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const CASES = Number(process.env.FUZZ_CASES ?? 240);
const DECODE_LIMIT = 32 * 2 ** 20;
const ALLOCATION_LIMIT = 64 * 2 ** 20;
/** Peak RSS a child may reach: Node, ts-node and the packages take about 200 MB; any decode past the limits would show. */
const MAX_RSS = 400 * 2 ** 20;
const MAX_CASE_MS = 3000;
const CHILD_TIMEOUT_MS = 90_000;

interface Line { i?: number; kind?: string; file?: string; what?: string; outcome?: string; ms?: number; detail?: string; done?: boolean; maxRSS?: number }

function runChild(target: string): Promise<{ lines: Line[]; code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=192', '-r', 'ts-node/register/transpile-only', CHILD, target, String(SEED), String(CASES)], {
      cwd: path.join(__dirname, '../..'),
      env: { ...process.env, CRESSET_DECODE_LIMIT: String(DECODE_LIMIT), FUZZ_ALLOCATION_LIMIT: String(ALLOCATION_LIMIT), CRESSET_BACKEND: 'reference', TS_NODE_PROJECT: path.join(__dirname, '../../tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CHILD_TIMEOUT_MS,
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ lines: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line), code, signal, stderr }));
  });
}

describe.each(['safetensors', 'onnx', 'idx', 'cifar10', 'cifar100', 'png', 'jpeg'])('%s', (target) => {
  test(`${CASES} cases: typed errors naming the file, or results the file justifies`, async () => {
    const { lines, code, signal, stderr } = await runChild(target);
    const starts = new Map(lines.filter((l) => l.kind).map((l) => [l.i!, l]));
    const outcomes = lines.filter((l) => l.outcome);
    const last = lines[lines.length - 1];
    // a child that died (out of memory, a crash, the timeout) names the case it was running
    const running = [...starts.values()].find((s) => !outcomes.some((o) => o.i === s.i));
    expect({ code, signal, running, stderr: stderr.slice(-2000) }).toEqual({ code: 0, signal: null, running: undefined, stderr: '' });
    expect(last.done).toBe(true);
    expect(outcomes).toHaveLength(CASES);
    const bad = outcomes.filter((o) => o.outcome !== 'error' && o.outcome !== 'read').map((o) => ({ ...starts.get(o.i!), ...o }));
    expect(bad).toEqual([]);
    const slow = outcomes.filter((o) => o.ms! > MAX_CASE_MS).map((o) => ({ ...starts.get(o.i!), ms: o.ms }));
    expect(slow).toEqual([]);
    expect(last.maxRSS).toBeLessThan(MAX_RSS);
    // truncations and header edits were refused at least once, and some harmless change was read
    // (a flipped bit is often harmless: in CIFAR's pixels, or any format's data without a checksum)
    for (const kind of ['truncate', 'header']) {
      expect(outcomes.filter((o) => o.outcome === 'error' && starts.get(o.i!)!.kind === kind).length).toBeGreaterThan(0);
    }
    expect(outcomes.filter((o) => o.outcome === 'read').length).toBeGreaterThan(0);
  });
});
