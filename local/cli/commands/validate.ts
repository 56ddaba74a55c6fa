/**
 * `ivs-guard validate [FILE]`: checks a policy document; each mistake with its line.
 */
import { readFile } from 'node:fs/promises';
import { loadPolicyDocument, PolicyDocumentError } from '../../../domain/policy/index.ts';
import { parseOptions } from '../args.ts';

export async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {});
  if (values.help) {
    process.stdout.write('usage: ivs-guard validate [FILE]\n\nChecks a policy document (default policies.yml) and points at the line of each mistake.\n');
    return 0;
  }
  const file = positionals[0] ?? 'policies.yml';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    process.stderr.write(`ivs-guard validate: cannot read ${file}\n`);
    return 2;
  }
  try {
    const doc = loadPolicyDocument(text, file);
    process.stdout.write(`${file}: valid (${doc.policies.length} ${doc.policies.length === 1 ? 'policy' : 'policies'}, mode ${doc.mode})\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
