/**
 * Rejections in plain words: zod issues become `{field, reason}` with a dotted field path
 * (`detail.stream_id`, `resources[0]`, `detail.viewerSessions[3].viewerId`), and a list of them
 * becomes one line for a log or a CLI row.
 */
import type * as z from 'zod/mini';
import { plainWordsIn } from '../issue-words.ts';
import { EVENT_VOICE, formatPath } from '../wording.ts';
import type { Rejection } from './types.ts';

/** Field name for a value that is not even an object (the whole event). */
export const WHOLE_EVENT = 'event';

/** `['detail', 'viewerSessions', 3, 'viewerId']` → `detail.viewerSessions[3].viewerId`; `[]` → `event`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return formatPath(path) || WHOLE_EVENT;
}

/**
 * Plain words for the issues a schema does not word itself (the schemas word most of theirs).
 * Passed as the per-parse error map, so zod's defaults ("Invalid input: …") never reach a person.
 */
export const plainWords = plainWordsIn(EVENT_VOICE);

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
