#!/usr/bin/env node
// The `cresset` command: runs the command line compiled into dist/. This file is committed so that
// npm can link the bin on install, before the build has produced dist/.
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
    console.error('cresset: the command line is not built yet; run `npm run build` in the repository');
    process.exit(1);
  }
  throw e;
}
cli.run(process.argv.slice(2));
