#!/usr/bin/env node
/**
 * Compiles the AssemblyScript kernels (packages/tensor/assembly) into two WebAssembly modules:
 * plain SIMD, and SIMD with relaxed-SIMD fused multiply-add. The wasm backend picks the relaxed
 * one when the running Node can compile it. Output: packages/tensor/wasm/*.wasm (build output,
 * gitignored). Both import one shared memory, so worker threads run on the same data.
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = path.join(root, 'packages', 'tensor');
const entry = path.join(pkg, 'assembly', 'index.ts');
const outDir = path.join(pkg, 'wasm');
const asc = path.join(path.dirname(require.resolve('assemblyscript/package.json')), 'bin', 'asc.js');

const common = [
  entry, '-O3', '--runtime', 'stub', '--noAssert',
  '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '65536',
  '--enable', 'simd', '--enable', 'threads',
];
const variants = { 'kernels-simd.wasm': [], 'kernels-relaxed.wasm': ['--enable', 'relaxed-simd'] };

fs.mkdirSync(outDir, { recursive: true });
for (const [file, extra] of Object.entries(variants)) {
  const out = path.join(outDir, file);
  execFileSync(process.execPath, [asc, ...common, ...extra, '-o', out], { stdio: 'inherit', cwd: root });
  console.log(`build-wasm: ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
}
