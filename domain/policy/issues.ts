/**
 * zod's issues about a policy document, turned into one plain sentence per mistake, each with the path of the key
 * it is about: an unknown key becomes one mistake per key; a failed union is explained by the form the value
 * was closest to, not by every form it is not.
 */
import type { z } from 'zod';
import { describeValue, expectedMessage } from './schema-parts.ts';

/** A mistake and the path (keys and list positions) of the value it is about. */
export interface IssueAt {
  path: PropertyKey[];
  message: string;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  null: 'nothing',
};

/** Messages for the issues a schema does not word itself. Pass as the `error` of `safeParse`. */
export const plainMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return expectedMessage(TYPE_NAMES[issue.expected] ?? issue.expected, issue.input);
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${describeValue(issue.values[0])}` : `expected one of: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? issue.minimum === 1 ? 'must not be empty' : `expected at least ${String(issue.minimum)} characters`
          : `expected a number ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `expected at most ${String(issue.maximum)} items`
        : issue.origin === 'string'
          ? `expected at most ${String(issue.maximum)} characters`
          : `expected a number ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'invalid_format':
      return `expected ${issue.format} format`;
    default:
      return undefined;
  }
};

/** One `IssueAt` per mistake, paths relative to the document. */
export function explainIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): IssueAt[] {
  return issues.flatMap((issue) => explainIssue(issue, [...prefix, ...issue.path]));
}

function explainIssue(issue: z.core.$ZodIssue, path: PropertyKey[]): IssueAt[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown key '${key}'; ${issue.message}` }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) return explainUnion(issue, path);
  return [{ path, message: issue.message }];
}

/**
 * A value that matched no form of a union. The forms whose very shape it does not have (a string where a
 * mapping goes) say nothing useful; if one form is left, its mistakes are the ones to show.
 */
function explainUnion(issue: z.core.$ZodIssueInvalidUnion, path: PropertyKey[]): IssueAt[] {
  const input: unknown = issue.input;
  const fitting = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && isShapeMismatch(inner)));
  const [only] = fitting;
  if (only !== undefined && fitting.length === 1) return explainIssues(only, path);
  if (fitting.length > 1) {
    // Several forms fit the shape: the one that got furthest into the value is the one meant.
    const furthest = fitting.reduce((best, branch) => (depth(branch) > depth(best) ? branch : best));
    return explainIssues(furthest, path);
  }
  const expected = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.code === 'invalid_type').map((inner) => TYPE_NAMES[inner.expected] ?? inner.expected)))];
  return [{ path, message: expectedMessage(expected.length > 0 ? expected.join(' or ') : 'another form', input) }];
}

function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  if (issue.code === 'invalid_type') return true;
  // An enum of words given a mapping or a list.
  return issue.code === 'invalid_value' && typeof issue.input === 'object' && issue.input !== null;
}

function depth(branch: readonly z.core.$ZodIssue[]): number {
  return Math.max(...branch.map((inner) => inner.path.length));
}

/** `policies[1].where[0].sessionEvents.atLeast`; a key that is not a plain name is quoted: `tags["team name"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}
