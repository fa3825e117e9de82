/**
 * Every package's manifest as npm publishes it: one version for all, internal dependencies pinned
 * to it, exports and types into dist/, Node 20 or newer, the repository folder, MIT with the same
 * LICENSE text, and no install script (an install must not download or build anything).
 */
import * as fs from 'fs';
import * as path from 'path';

const repo = path.join(__dirname, '..', '..');
const root = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const license = fs.readFileSync(path.join(repo, 'LICENSE'), 'utf8');
const manifests: [string, Record<string, any>][] = root.workspaces.map((w: string) => [w, JSON.parse(fs.readFileSync(path.join(repo, w, 'package.json'), 'utf8'))]);

test('the license is MIT, as every manifest says', () => {
  expect(license.split('\n')[0]).toBe('MIT License');
  expect(root.license).toBe('MIT');
});

test.each(manifests)('%s: version, dependencies, entry points, engines, repository, license', (dir, m) => {
  expect(m.version).toBe(root.version);
  for (const [name, range] of Object.entries({ ...m.dependencies, ...m.peerDependencies })) {
    if (name.startsWith('@cresset/') || name === 'cresset') expect([name, range]).toEqual([name, root.version]);
  }
  expect(m.main).toBe('dist/index.js');
  expect(m.types).toBe('dist/index.d.ts');
  expect(m.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  expect(m.engines).toEqual(root.engines);
  expect(m.repository).toEqual({ ...root.repository, directory: dir });
  expect(m.license).toBe('MIT');
  expect(fs.readFileSync(path.join(repo, dir, 'LICENSE'), 'utf8')).toBe(license);
  expect(fs.existsSync(path.join(repo, dir, 'README.md'))).toBe(true);
  expect(Object.keys(m.scripts ?? {}).filter((s) => /^(pre|post)?install$/.test(s))).toEqual([]);
});

test('onnxruntime-node is an optional peer of @cresset/onnx and a dependency of no package', () => {
  const onnx = manifests.find(([, m]) => m.name === '@cresset/onnx')![1];
  expect(onnx.peerDependenciesMeta).toEqual({ 'onnxruntime-node': { optional: true } });
  for (const [, m] of manifests) expect(Object.keys(m.dependencies ?? {})).not.toContain('onnxruntime-node');
});
