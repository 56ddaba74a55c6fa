/**
 * Writes each function's IVS grants into `events/permissions.json` from the action registry (`domain/iam-grants.ts`),
 * keeping its hand-written `$comment` and `common`. `npm run permissions` writes it;
 * `npm run permissions -- --check` only checks that the committed file is up to date (exit 1 if not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { permissionsText } from './permissions-file.ts';
import type { PermissionsFile } from './permissions-file.ts';

const target = fileURLToPath(new URL('../events/permissions.json', import.meta.url));
const current = readFileSync(target, 'utf8');
const text = permissionsText(JSON.parse(current) as PermissionsFile);

if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write('events/permissions.json is out of date: run `npm run permissions` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('events/permissions.json is up to date.\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
