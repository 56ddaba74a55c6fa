#!/usr/bin/env node
// The ivs-guard CLI runs the TypeScript sources directly (through tsx): no build step to remember.
import { register } from 'tsx/esm/api';

// The AWS SDK warns once per process that its 2027 releases will need Node 22; a CLI user can do
// nothing about it mid-replay, so that one warning is dropped and every other one still printed.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!`${warning.name} ${warning.message}`.includes('NodeVersionSupportWarning')) process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

register();
const { main } = await import('../local/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
