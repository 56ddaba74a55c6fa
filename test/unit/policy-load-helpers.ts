/** Helpers of the policy-load tests: the problems of a document, and documents written line by line. */
import { loadPolicyDocument, PolicyDocumentError } from '../../domain/policy/index.ts';

/** The problems a document has (fails the test if it loads). */
export function problemsOf(text: string, fileName?: string): PolicyDocumentError {
  try {
    loadPolicyDocument(text, fileName);
  } catch (error) {
    if (error instanceof PolicyDocumentError) return error;
    throw error;
  }
  throw new Error('the document loaded');
}

/** The lines as one document, each ending in a newline. */
export const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** A document whose only policy is `policy` (lines indented under `  - `), starting at line 3. */
export const withPolicy = (...policy: string[]) => lines('version: 1', 'policies:', ...policy);
