/**
 * Reading `policies.yml`: YAML, then the schema. Every mistake found, YAML syntax or policy, is reported at
 * once, each with the line and column of the key or item it is about.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { explainIssues, formatPath, plainMessages } from './issues.ts';
import { policyDocumentSchema } from './schema.ts';
import type { PolicyDocument } from './schema.ts';

/** One mistake in a policy document. `line` and `column` count from 1; `path` is empty for a YAML syntax error. */
export interface PolicyProblem {
  path: string;
  line: number;
  column: number;
  message: string;
}

/** A policy document that cannot be used. Its message lists every problem, one a line, as `file:line:column path: message`. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super(problems.map((problem) => formatProblem(fileName, problem)).join('\n'));
  }
}

/** `policies.yml:12:7 policies[1].where[0].sessionEvents.atLeast: expected a whole number ≥ 1`. */
export function formatProblem(fileName: string, problem: PolicyProblem): string {
  const where = `${fileName}:${problem.line}:${problem.column}`;
  return problem.path === '' ? `${where} ${problem.message}` : `${where} ${problem.path}: ${problem.message}`;
}

/**
 * Parses and validates a policy document. Throws `PolicyDocumentError` listing every mistake: YAML syntax errors
 * first (nothing else can be checked then), otherwise every schema violation, each at the line of the key it is about.
 */
export function loadPolicyDocument(text: string, fileName = 'policies.yml'): PolicyDocument {
  const yaml = readYamlDocument(text, fileName);
  const result = policyDocumentSchema.safeParse(yaml.data, { error: plainMessages, reportInput: true });
  if (result.success) return result.data;
  const problems = explainIssues(result.error.issues).map(({ path, message }) => yaml.problemAt(path, message));
  throw new PolicyDocumentError(fileName, sortedUnique(problems));
}

/** A YAML document read as data, and the way to point at the line of any value in it. */
export interface YamlDocument {
  data: unknown;
  /** A problem about the value at `path`, at the line and column it is written (see `offsetOf`). */
  problemAt(path: readonly PropertyKey[], message: string): PolicyProblem;
}

/**
 * Parses YAML that other checks then point into (policies.yml, policy test files). Throws `PolicyDocumentError`
 * for YAML syntax errors, each at its line: nothing else can be checked then.
 */
export function readYamlDocument(text: string, fileName: string): YamlDocument {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new PolicyDocumentError(fileName, doc.errors.map((error) => ({ path: '', ...position(error.pos[0]), message: error.message })));
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    throw new PolicyDocumentError(fileName, [{ path: '', line: 1, column: 1, message: error instanceof Error ? error.message : String(error) }]);
  }
  return { data, problemAt: (path, message) => ({ path: formatPath(path), ...position(offsetOf(doc, path)), message }) };
}

/**
 * Where in the text the value at `path` is written: the key of the last mapping entry found (so a mistake in
 * `atLeast: 0` points at `atLeast`), the item of the last list position found, or, for a key that is missing,
 * the mapping that should hold it.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (pair === undefined) break;
      offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = startOf(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range: unknown = node.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

/** The problems in line order, each once. */
export function sortedUnique(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((problem) => {
      const key = `${problem.path}\u0000${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
