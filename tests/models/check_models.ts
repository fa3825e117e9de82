/**
 * Checks torch.models builders against torchvision 0.14 (tests/fixtures/models_torchvision.json):
 * parameter count, repr and state-dict keys (in full or as SHA-256), the sum and sum of squares of
 * every initial tensor after manualSeed(0), and the eval-mode output on torch.randn after manualSeed(1)
 * (with the submodules a case names in `identity` replaced by nn.Identity first, as the fixture did),
 * and for the cases that keep them, each parameter's gradient of sum(output^2) from that pass.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as torch from 'cresset';

interface OutputSummary { shape: number[]; head: number[]; sum: number; sumSquares: number }
export interface ModelCase {
  name: string;
  options: Record<string, unknown>;
  numParameters: number;
  stats: [number, number][];
  repr?: string;
  stateDict?: string[];
  heads?: Record<string, number[]>;
  reprSha256?: string;
  stateDictSha256?: string;
  input: number[];
  output: OutputSummary;
  identity?: string[];
  gradients?: [number, number][];
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'models_torchvision.json'), 'utf8')) as { models: ModelCase[] };

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/** Whether |got - want| <= tol; false for NaN, so that a NaN fails the checks. */
const near = (got: number, want: number, tol: number) => Math.abs(got - want) <= tol;
const title = (c: ModelCase) => `${c.name}(${JSON.stringify(c.options)})`;

/** The fixture's cases for these builder names. */
export const casesFor = (names: readonly string[]): ModelCase[] => fixture.models.filter((c) => names.includes(c.name));

/** Registers checkModel on every fixture case of these builder names, each as its own test. */
export function describeModels(names: readonly string[], build: (name: string, o: Record<string, unknown>) => torch.nn.Module): void {
  const cases = casesFor(names).map((c, i) => [`${c.name} #${i}`, c] as const);
  test.each(cases)('%s: weights, output and structure are torchvision\'s', (_n, c) => checkModel(c, (o) => build(c.name, o)));
}

/** The sum and sum of squares of t, in float64. */
function stats(t: torch.Tensor): [number, number] {
  const d = t.double();
  return [d.sum().item() as number, d.mul(d).sum().item() as number];
}

/** Checks c's parameter count, state-dict keys and repr. */
function checkStructure(c: ModelCase, m: torch.nn.Module): void {
  const keys = Object.entries(m.stateDict()).map(([k, t]) => `${k}:[${t.shape.join(', ')}]`);
  expect([title(c), m.parameters().reduce((n, p) => n + p.numel(), 0)]).toEqual([title(c), c.numParameters]);
  if (c.stateDict) expect(keys).toEqual(c.stateDict);
  else expect(sha(keys.join('\n'))).toBe(c.stateDictSha256);
  if (c.repr !== undefined) expect(String(m)).toBe(c.repr);
  else expect(sha(String(m))).toBe(c.reprSha256);
}

/** Builds c's model after manualSeed(0) and checks its structure, weights and output (and gradients when the fixture keeps them). */
export function checkModel(c: ModelCase, build: (o: Record<string, unknown>) => torch.nn.Module): void {
  torch.manualSeed(0);
  const m = build(c.options);
  checkStructure(c, m);
  const sd = m.stateDict();
  Object.entries(sd).forEach(([k, t], i) => {
    const [s, sq] = stats(t);
    const [es, esq] = c.stats[i];
    const scale = Math.sqrt(esq) + 1e-12;
    if (!near(s, es, 1e-5 * scale + 1e-9) || !near(sq, esq, 1e-5 * esq + 1e-12)) {
      throw new Error(`${title(c)}: ${k} has sum ${s}, sum of squares ${sq}; torchvision's are ${es}, ${esq}`);
    }
    const head = c.heads?.[k];
    if (head) {
      const got = t.reshape(-1).toArray().slice(0, head.length) as number[];
      got.forEach((g, j) => { if (!near(g, head[j], 1e-6 * Math.max(1, Math.abs(head[j])))) throw new Error(`${title(c)}: ${k}[${j}] is ${g}, torchvision's is ${head[j]}`); });
    }
  });
  checkOutput(c, m);
}

/** m's eval-mode output on c's seeded input against torchvision's (first values, sum, sum of squares), then its gradients when kept. */
function checkOutput(c: ModelCase, m: torch.nn.Module): void {
  for (const target of c.identity ?? []) {
    const dot = target.lastIndexOf('.');
    m.getSubmodule(target.slice(0, Math.max(dot, 0))).registerModule(target.slice(dot + 1), new torch.nn.Identity());
  }
  torch.manualSeed(1);
  const x = torch.randn(c.input);
  m.eval();
  const y = torch.noGrad(() => m.forward(x) as torch.Tensor);
  expect(y.shape).toEqual(c.output.shape);
  const flat = y.reshape(-1).toArray() as number[];
  const scale = Math.max(...c.output.head.map(Math.abs));
  const err = Math.max(...c.output.head.map((e, j) => Math.abs(flat[j] - e)));
  const [s, sq] = stats(y);
  if (!(err <= 1e-4 * scale) || !near(s, c.output.sum, 1e-4 * Math.sqrt(c.output.sumSquares)) || !near(sq, c.output.sumSquares, 1e-4 * c.output.sumSquares)) {
    throw new Error(`${title(c)}: output differs from torchvision's: head error ${err} (scale ${scale}), sum ${s} vs ${c.output.sum}, sum of squares ${sq} vs ${c.output.sumSquares}`);
  }
  if (c.gradients) checkGradients(c, m, x);
}

/**
 * The sum and sum of squares of each parameter's gradient of sum(m(x)^2) against c.gradients, to
 * 1e-4 of the largest sum a gradient of that norm can have (sqrt(numel) times the norm) and 1e-4
 * relative for the sum of squares.
 */
function checkGradients(c: ModelCase, m: torch.nn.Module, x: torch.Tensor): void {
  (m.forward(x) as torch.Tensor).square().sum().backward();
  const params = m.namedParameters();
  expect(params.length).toBe(c.gradients!.length);
  params.forEach(([k, p], i) => {
    const [s, sq] = stats(p.grad!);
    const [es, esq] = c.gradients![i];
    if (!near(s, es, 1e-4 * Math.sqrt(p.numel() * esq) + 1e-9) || !near(sq, esq, 1e-4 * esq + 1e-12)) {
      throw new Error(`${title(c)}: the gradient of ${k} has sum ${s}, sum of squares ${sq}; torchvision's are ${es}, ${esq}`);
    }
  });
}
