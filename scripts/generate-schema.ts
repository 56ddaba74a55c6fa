/**
 * Writes `policies.schema.json` (the JSON Schema of `policies.yml`, generated from the zod schema) at the project root.
 * `npm run schema` writes it; `npm run schema -- --check` only checks that the committed file is up to date (exit 1 if not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from '../domain/policy/index.ts';

const target = fileURLToPath(new URL('../policies.schema.json', import.meta.url));
const text = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is out of date.
  }
  if (current !== text) {
    process.stderr.write('policies.schema.json is out of date: run `npm run schema` and commit it.\n');
    process.exit(1);
  }
  process.stdout.write('policies.schema.json is up to date.\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
