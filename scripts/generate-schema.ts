/**
 * Writes the JSON Schemas generated from the zod schemas at the project root: `policies.schema.json` (of `policies.yml`)
 * and `policies.test.schema.json` (of policy test files, `policies.test.yml`).
 * `npm run schema` writes them; `npm run schema -- --check` only checks that the committed files are up to date (exit 1 if not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { policyJsonSchema } from '../domain/policy/index.ts';
import { policyTestJsonSchema } from '../local/policy-test/schema.ts';

const schemas: Array<[string, Record<string, unknown>]> = [
  ['policies.schema.json', policyJsonSchema()],
  ['policies.test.schema.json', policyTestJsonSchema()],
];

let stale = false;
for (const [name, schema] of schemas) {
  const target = fileURLToPath(new URL(`../${name}`, import.meta.url));
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // A missing file is out of date.
    }
    if (current !== text) {
      process.stderr.write(`${name} is out of date: run \`npm run schema\` and commit it.\n`);
      stale = true;
    } else {
      process.stdout.write(`${name} is up to date.\n`);
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}
if (stale) process.exit(1);
