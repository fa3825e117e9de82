#!/usr/bin/env node
/**
 * Runs every command of README.md's ```sh blocks, as written, in the repository root, in order,
 * and stops at the first that fails. `--skip CMD` leaves out a command that the caller has just run
 * itself (CI runs `npm ci` as its own step). `--list` prints the commands without running them.
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');

/** The commands of the ```sh blocks of a markdown text: one a line, comments and blank lines left out. */
function readmeCommands(markdown) {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  return blocks.flatMap((b) => b.split('\n'))
    .map((line) => line.replace(/(^|\s+)#.*$/, '').trim())
    .filter((line) => line !== '');
}

function main(argv) {
  const skip = new Set();
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--skip') skip.add(argv[++i]);
    else if (argv[i] === '--list') list = true;
    else throw new Error(`readme-commands: unknown argument ${argv[i]}`);
  }
  const commands = readmeCommands(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  for (const s of skip) if (!commands.includes(s)) throw new Error(`readme-commands: --skip ${s}: README.md has no such command`);
  for (const cmd of commands) {
    if (list) { console.log(cmd); continue; }
    if (skip.has(cmd)) { console.log(`== README: ${cmd}   (skipped: run just before by the caller)`); continue; }
    console.log(`== README: ${cmd}`);
    const t0 = Date.now();
    const r = spawnSync('bash', ['-c', cmd], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`== README command failed (exit ${r.status ?? r.signal}): ${cmd}`);
      return 1;
    }
    console.log(`== ok in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${cmd}`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
module.exports = { readmeCommands };
