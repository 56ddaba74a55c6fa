#!/usr/bin/env node
// The ivs-guard CLI runs the TypeScript sources directly (through tsx): no build step to remember.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../local/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
