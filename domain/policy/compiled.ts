/**
 * The compiled policy document: `policies.yml` as JSON, written by `serverless package` once the YAML has been
 * validated with line numbers (scripts/serverless-validate-policies.cjs), and read by the Lambda functions at
 * cold start. It is validated again here by the same schema, so a hand-edited or stale file cannot slip
 * through; having no lines to point at, each mistake names its path. No YAML parser is involved, so the
 * Lambda bundles carry none.
 */
import { explainIssues, formatPath, plainMessages } from './issues.ts';
import { policyDocumentSchema } from './schema.ts';
import type { PolicyDocument } from './schema.ts';

/** One mistake in a compiled document: the path of the value it is about (empty for the whole file) and what is wrong. */
export interface CompiledPolicyProblem {
  path: string;
  message: string;
}

/** A compiled policy document that cannot be used. Its message lists every problem, one a line, as `file path: message`. */
export class CompiledPolicyDocumentError extends Error {
  override readonly name = 'CompiledPolicyDocumentError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly CompiledPolicyProblem[],
  ) {
    super(problems.map(({ path, message }) => (path === '' ? `${fileName}: ${message}` : `${fileName} ${path}: ${message}`)).join('\n'));
  }
}

/**
 * Validates policy document data (the YAML document as plain values, as `compilePolicyData` writes it) with the
 * policy schema. Throws `CompiledPolicyDocumentError` naming the path of every mistake.
 */
export function parsePolicyData(data: unknown, fileName: string): PolicyDocument {
  const result = policyDocumentSchema.safeParse(data, { error: plainMessages, reportInput: true });
  if (result.success) return result.data;
  // Each mistake once, in the order zod found them (document order).
  const problems = new Map<string, CompiledPolicyProblem>();
  for (const issue of explainIssues(result.error.issues)) {
    const path = formatPath(issue.path);
    problems.set(`${path}\u0000${issue.message}`, { path, message: issue.message });
  }
  throw new CompiledPolicyDocumentError(fileName, [...problems.values()]);
}

/** Parses and validates a compiled document's text; text that is not JSON is a `CompiledPolicyDocumentError` too. */
export function loadCompiledPolicies(text: string, fileName: string): PolicyDocument {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    throw new CompiledPolicyDocumentError(fileName, [{ path: '', message: `not JSON (${reason}); build it with serverless package` }]);
  }
  return parsePolicyData(data, fileName);
}

/**
 * The JSON of validated document data, as the functions read it. The data must survive the trip through JSON
 * unchanged in meaning (YAML can write `.inf`, which JSON cannot): the result is validated again, and a
 * difference is a `CompiledPolicyDocumentError`.
 */
export function compilePolicyData(data: unknown, fileName: string): string {
  const json = `${JSON.stringify(data, null, 2)}\n`;
  parsePolicyData(JSON.parse(json), fileName);
  return json;
}
