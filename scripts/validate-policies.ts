/**
 * `node --import tsx scripts/validate-policies.ts FILE NAME`: validates a policy document with the domain's
 * own `loadPolicyDocument`, for the osls plugin scripts/serverless-validate-policies.cjs (CommonJS, which
 * cannot load the TypeScript validator itself).
 *
 * Exit 0: valid. Exit 1: the document is wrong; stderr holds the validator's message
 * (`NAME:LINE:COL path: message`, one line a mistake). Exit 2: the validator itself could not run (stack).
 */
import { readFileSync } from 'node:fs';
import { loadPolicyDocument, PolicyDocumentError } from '../domain/policy/index.ts';

const [file, fileName] = process.argv.slice(2);
if (file === undefined || fileName === undefined) {
  process.stderr.write('usage: validate-policies.ts FILE NAME\n');
  process.exit(2);
}
try {
  loadPolicyDocument(readFileSync(file, 'utf8'), fileName);
} catch (error) {
  const isDocumentError = error instanceof PolicyDocumentError;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`${isDocumentError ? error.message : `the policy validator failed: ${detail}`}\n`);
  process.exit(isDocumentError ? 1 : 2);
}
