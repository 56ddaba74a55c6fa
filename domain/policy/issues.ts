/**
 * zod's issues about a policy document, turned into one plain sentence per mistake, each with the path of the key
 * it is about: an unknown key becomes one mistake per key; a failed union is explained by the form the value
 * was closest to, not by every form it is not.
 */
import type * as z from 'zod/mini';
import { plainWordsIn, typeName } from '../issue-words.ts';
import { POLICY_VOICE } from '../wording.ts';

/** A mistake and the path (keys and list positions) of the value it is about. */
export interface IssueAt {
  path: PropertyKey[];
  message: string;
}

/** Messages for the issues a schema does not word itself. Pass as the `error` of `safeParse`. */
export const plainMessages: z.core.$ZodErrorMap = plainWordsIn(POLICY_VOICE);

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
  const expected = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.code === 'invalid_type').map((inner) => typeName(inner.expected, POLICY_VOICE))))];
  return [{ path, message: POLICY_VOICE.expected(expected.length > 0 ? expected.join(' or ') : 'another form', input) }];
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
export { formatPath } from '../wording.ts';
