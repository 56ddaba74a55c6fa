/**
 * Rejections in plain words: zod issues become `{field, reason}` with a dotted field path
 * (`detail.stream_id`, `resources[0]`, `detail.viewerSessions[3].viewerId`), and a list of them
 * becomes one line for a log or a CLI row.
 */
import type { z } from 'zod';
import { describe, quote } from './fields.ts';
import type { Rejection } from './types.ts';

/** Field name for a value that is not even an object (the whole event). */
export const WHOLE_EVENT = 'event';

/** `['detail', 'viewerSessions', 3, 'viewerId']` → `detail.viewerSessions[3].viewerId`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? WHOLE_EVENT : out;
}

const withArticle = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * Plain words for the issues a schema does not word itself (the schemas word most of theirs).
 * Passed as the per-parse error map, so zod's defaults ("Invalid input: …") never reach a person.
 */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${withArticle(issue.expected)}, not ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((value) => quote(value)).join(' or ')}${issue.input === undefined ? '' : `, not ${quote(issue.input)}`}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} entries` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} entries` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'is not any of the accepted forms';
    default:
      return undefined;
  }
}

/** One rejection per zod issue, in the order zod found them. */
export function rejectionsFrom(issues: readonly z.core.$ZodIssue[]): Rejection[] {
  return issues.map((issue) => ({ field: fieldPath(issue.path), reason: issue.message }));
}

/** How many rejections `formatRejections` spells out before it says "and N more". */
const SHOWN_REJECTIONS = 10;

/** The rejections as one line: `detail.stream_id is required; resources[0] must be a channel ARN like …`. */
export function formatRejections(rejections: readonly Rejection[]): string {
  const shown = rejections.slice(0, SHOWN_REJECTIONS).map(({ field, reason }) => `${field} ${reason}`.replace(/\s+/g, ' ').trim());
  const more = rejections.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
