/**
 * `node --import tsx scripts/validate-policies.ts FILE NAME [OUT]`: validates a policy document with the domain's
 * own `loadPolicyDocument`, for the osls plugin scripts/serverless-validate-policies.cjs (CommonJS, which
 * cannot load the TypeScript validator itself); with OUT, also writes the compiled document there: the
 * document's data as JSON, which the deployed functions read at cold start (handlers/config.ts).
 *
 * Exit 0: valid (and OUT written). Exit 1: the document is wrong; stderr holds the validator's message
 * (`NAME:LINE:COL path: message`, one line a mistake). Exit 2: the validator itself could not run (stack).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compilePolicyData, CompiledPolicyDocumentError } from '../domain/policy/compiled.ts';
import { loadPolicyDocument, PolicyDocumentError, readYamlDocument } from '../domain/policy/load.ts';

const [file, fileName, out] = process.argv.slice(2);
if (file === undefined || fileName === undefined) {
  process.stderr.write('usage: validate-policies.ts FILE NAME [OUT]\n');
  process.exit(2);
}
try {
  const text = readFileSync(file, 'utf8');
  loadPolicyDocument(text, fileName);
  if (out !== undefined) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, compilePolicyData(readYamlDocument(text, fileName).data, fileName));
  }
} catch (error) {
  const isDocumentError = error instanceof PolicyDocumentError || error instanceof CompiledPolicyDocumentError;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${isDocumentError ? error.message : `the policy validator failed: ${detail}`}\n`);
  process.exit(isDocumentError ? 1 : 2);
}
