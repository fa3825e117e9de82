/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function, top N with
 * percentages of all samples, and by category (wasm, kernels, autograd, nn, GC, idle/waiting).
 * Usage: ts-node --transpile-only bench/profile_summary.ts file.cpuprofile [N]
 */
import * as fs from 'fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const topN = Number(process.argv[3] ?? 15);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** A short place name: the file below packages/ or node_modules, or the V8 pseudo-frame. */
function where(n: Node): string {
  const url = n.callFrame.url;
  if (!url) return '';
  const m = url.match(/packages\/(.*)$/) ?? url.match(/node_modules\/(.*)$/) ?? url.match(/([^/]*)$/);
  return `${m ? m[1] : url}:${n.callFrame.lineNumber + 1}`;
}

function category(n: Node): string {
  const { functionName: f, url } = n.callFrame;
  if (f === '(garbage collector)') return 'GC';
  if (f === '(idle)' || f === '(program)') return f;
  if (url.startsWith('wasm://') || /wasm-function/.test(f)) return 'wasm kernels';
  if (/Atomics|wait/.test(f)) return 'waiting for workers';
  if (/kernels\/wasm|kernels\/threads/.test(url)) return 'wasm staging / thread pool (JS)';
  if (/kernels\/reference/.test(url)) return 'reference kernels (JS)';
  if (/tensor\/(src|dist)/.test(url)) return 'tensor ops (JS)';
  if (/autograd\/(src|dist)/.test(url)) return 'autograd (JS)';
  if (/nn\/(src|dist)/.test(url)) return 'nn (JS)';
  if (/optim\/(src|dist)/.test(url)) return 'optim (JS)';
  if (!url) return `native/builtin`;
  return 'other JS';
}

const fn = new Map<string, number>();
const cat = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where(n)}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const c = category(n);
  cat.set(c, (cat.get(c) ?? 0) + us);
}
const pct = (us: number) => ((100 * us) / total).toFixed(1).padStart(5);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled`);
console.log('\nself time by function');
[...fn].sort((a, b) => b[1] - a[1]).slice(0, topN).forEach(([k, us]) => console.log(`${pct(us)}%  ${k}`));
console.log('\nself time by category');
[...cat].sort((a, b) => b[1] - a[1]).forEach(([k, us]) => console.log(`${pct(us)}%  ${k}`));
