/**
 * The packages as a user gets them: `npm pack` of every workspace, the tarballs installed into a
 * fresh project outside the repository (from npm's cache, no install scripts needed), then the
 * README example compiled against the shipped types and run there on the wasm backend, the
 * command line's train, an ONNX export and a verify, before and after installing onnxruntime-node.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectedOutput, readmeExample } from './readme_snippet';

const repo = path.join(__dirname, '..', '..');
const rootManifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const workspaces: string[] = rootManifest.workspaces;
const version: string = rootManifest.version;
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface Packed { name: string; filename: string; files: { path: string }[] }

let tmp: string;
let project: string;
let packed: Packed[];

function run(cmd: string, args: string[], cwd = project): string {
  return execFileSync(cmd, args, { cwd, env: NPM_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Kilobytes on disk under `dir`. */
function diskKB(dir: string): number {
  return Number(run('du', ['-sk', dir]).split('\t')[0]);
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cresset-install-'));
  const tarballs = path.join(tmp, 'tarballs');
  fs.mkdirSync(tarballs);
  packed = JSON.parse(run('npm', ['pack', '--workspaces', '--pack-destination', tarballs, '--json', '--silent'], repo));
  project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  const dependencies = Object.fromEntries(packed.map((p) => [p.name, `file:${path.join(tarballs, p.filename)}`]));
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'first-contact', private: true, dependencies }, null, 2));
  fs.writeFileSync(path.join(project, '.npmrc'), 'onnxruntime-node-install=skip\n');
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('every workspace packs, at the one version', () => {
  expect(packed.map((p) => p.name).sort()).toEqual(workspaces.map((w) => JSON.parse(fs.readFileSync(path.join(repo, w, 'package.json'), 'utf8')).name).sort());
  for (const p of packed) expect(p.filename).toMatch(new RegExp(`-${version.replace(/\./g, '\\.')}\\.tgz$`));
});

test('each tarball holds its compiled JavaScript, types, sources for the maps, README and LICENSE', () => {
  for (const p of packed) {
    const files = new Set(p.files.map((f) => f.path));
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts', 'dist/index.d.ts.map', 'src/index.ts']) {
      expect([p.name, f, files.has(f)]).toEqual([p.name, f, true]);
    }
    expect([...files].filter((f) => /(^|\/)test\/|tsbuildinfo$/.test(f))).toEqual([]);
  }
  const tensor = new Set(packed.find((p) => p.name === '@cresset/tensor')!.files.map((f) => f.path));
  expect(tensor.has('wasm/kernels-simd.wasm')).toBe(true);
  expect(tensor.has('wasm/kernels-relaxed.wasm')).toBe(true);
  expect(packed.find((p) => p.name === 'cresset')!.files.map((f) => f.path)).toContain('bin/cresset.js');
});

test('the install has no onnxruntime-node, and the wasm backend is active', () => {
  expect(fs.existsSync(path.join(project, 'node_modules', 'onnxruntime-node'))).toBe(false);
  const out = run('node', ['-e', "console.log(require('cresset').backends.cpu.getCpuCapability())"]);
  expect(out.trim()).toMatch(/^wasm-(relaxed-)?simd$/);
  console.log(`installed without onnxruntime-node: node_modules ${(diskKB(path.join(project, 'node_modules')) / 1024).toFixed(1)} MB`);
});

test('the README example type-checks against the shipped types and prints what its comments say', () => {
  const example = readmeExample();
  fs.writeFileSync(path.join(project, 'example.ts'), example);
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  run('node', [tsc, 'example.ts', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--types', 'node', '--typeRoots', path.join(repo, 'node_modules', '@types'), '--outDir', 'build']);
  expect(run('node', ['build/example.js'])).toBe(expectedOutput(example));
});

test('npx cresset trains there, and verify says how to install onnxruntime-node, then passes once it is', () => {
  expect(run('npx', ['cresset', '--version']).trim()).toBe(version);
  const trained = run('npx', ['cresset', 'train', '--epochs', '1', '--limit-train', '256', '--limit-test', '100', '--out', 'out']);
  expect(trained).toMatch(/epoch 1\/1/);
  const missing = spawnSync('npx', ['cresset', 'verify', '--weights', 'out/lenet.safetensors'], { cwd: project, env: NPM_ENV, encoding: 'utf8' });
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('npm install onnxruntime-node');
  expect(fs.existsSync(path.join(project, 'out', 'lenet.onnx'))).toBe(true);   // the export ran before verify needed onnxruntime

  const ortVersion = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules', 'onnxruntime-node', 'package.json'), 'utf8')).version;
  run('npm', ['install', `onnxruntime-node@${ortVersion}`, '--prefer-offline', '--no-audit', '--no-fund']);
  console.log(`installed with onnxruntime-node ${ortVersion}: node_modules ${(diskKB(path.join(project, 'node_modules')) / 1024).toFixed(1)} MB`);
  const verified = run('npx', ['cresset', 'verify', '--weights', 'out/lenet.safetensors']);
  expect(verified).toMatch(/logits: max abs diff \S+, max rel diff \S+ ok\nPASSED/);
}, 300_000);
