/**
 * Field schemas shared by the event contracts. Each one rejects with plain words that a person can
 * act on ("must be a channel ARN like …"), never with zod's defaults: the reason travels to logs,
 * to the CLI and to the audit bus.
 */
import * as z from 'zod/mini';
import { checkedTransform } from '../zod.ts';
import { IVS_LIMITS, IVS_PATTERNS } from '../limits.ts';
import { EVENT_VOICE, describeValue, quote, withArticle } from '../wording.ts';

/** Stream ids quoted in reasons are shown like this one. */
const STREAM_ID_EXAMPLE = 'st-1A2b3c4D5e6F78ghij9Klmn';
/** A number sent as a string longer than this is not one IVS wrote. */
const NUMERIC_TEXT_MAX = 40;
/**
 * The longest name of what happened the guard takes. IVS's are a few words; an unknown name is processed and
 * travels to logs, the ledger and the audit bus, so a megabyte of one is refused, not carried.
 */
const EVENT_NAME_MAX_LENGTH = 128;

/** The error function for a missing or mistyped value: "is required" or "must be a string, not a number". */
export function typeError(expected: string) {
  return (issue: { input?: unknown }): string => EVENT_VOICE.expected(expected, issue.input);
}

/** The source of every event IVS publishes. */
export const IVS_SOURCE = 'aws.ivs';

/** A string, any length (empty allowed). */
export const text = () => z.string({ error: typeError('a string') });

/** An optional string; `null` is taken as absent (tolerant of senders that write nulls). */
export const optionalText = () => z.nullish(text());

/** A string with at least one character, at most `max`. */
export function nonEmptyText(max: number) {
  return text().check(
    z.superRefine((value, ctx) => {
      if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      else if (value.length > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters, not ${value.length}` });
    }),
  );
}

/** The ARN kinds an IVS event can name, as the API model writes them. */
const RESOURCE_ARNS = {
  channel: { pattern: IVS_PATTERNS.channelArn, example: 'arn:aws:ivs:<region>:<account>:channel/<id>' },
  stage: { pattern: IVS_PATTERNS.stageArn, example: 'arn:aws:ivs:<region>:<account>:stage/<id>' },
  composition: { pattern: IVS_PATTERNS.compositionArn, example: 'arn:aws:ivs:<region>:<account>:composition/<id>' },
} as const;
export type ResourceArnKind = keyof typeof RESOURCE_ARNS;

/** True when `value` is an ARN of that kind, as the IVS API model writes them. */
export function isResourceArn(kind: ResourceArnKind, value: string): boolean {
  return value.length <= IVS_LIMITS.arnMaxLength && RESOURCE_ARNS[kind].pattern.test(value);
}

const arnReason = (kind: ResourceArnKind) => `must be ${withArticle(kind)} ARN like ${RESOURCE_ARNS[kind].example}`;

/** The rejection reason for a missing `resources[0]` of that kind. */
export function resourceRequiredReason(kind: ResourceArnKind): string {
  return `is required: the ${kind} ARN, like ${RESOURCE_ARNS[kind].example}`;
}

/** An ARN of that kind (a channel in a revocation pair, the destination stage of a replication). */
export function arn(kind: ResourceArnKind) {
  return text().check(
    z.superRefine((value, ctx) => {
      if (!isResourceArn(kind, value)) ctx.addIssue({ code: 'custom', message: `${arnReason(kind)}; got ${quote(value)}` });
    }),
  );
}

/** A channel ARN. */
export const channelArn = () => arn('channel');

/**
 * `resources` whose first entry is an ARN of that kind (the IVS events put the channel, stage or
 * composition there). With `required: false` an empty array passes: account-wide limit breaches.
 */
export function resourcesWith(kind: ResourceArnKind, options: { required: boolean }) {
  return z._default(z.array(text(), { error: typeError('an array of ARNs') }), []).check(
    z.superRefine((resources, ctx) => {
      const first = resources[0];
      if (first === undefined) {
        if (options.required) ctx.addIssue({ code: 'custom', path: [0], message: resourceRequiredReason(kind) });
      } else if (!isResourceArn(kind, first)) {
        ctx.addIssue({ code: 'custom', path: [0], message: `${arnReason(kind)}; got ${quote(first)}` });
      }
    }),
  );
}

/** `resources` of any ARNs, or none: for an event whose resource the docs do not show. */
export const resourcesWithAny = () => z._default(z.array(text(), { error: typeError('an array of ARNs') }), []);

/** Why `value` is not a stream id, or undefined when it is one. */
export function streamIdProblem(value: string): string | undefined {
  const expected = `must be a stream id: 'st-' and ${IVS_LIMITS.streamIdLength - 3} letters or digits (${IVS_LIMITS.streamIdLength} characters), like ${STREAM_ID_EXAMPLE}`;
  if (!IVS_PATTERNS.streamId.test(value)) return `${expected}; got ${quote(value)}`;
  if (value.length !== IVS_LIMITS.streamIdLength) return `${expected}; got ${value.length} characters`;
  return undefined;
}

/** A stream id: `st-[a-zA-Z0-9]+`, exactly 26 characters (GetStreamSession's StreamId). */
export const streamId = () =>
  text().check(
    z.superRefine((value, ctx) => {
      const problem = streamIdProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  );

/**
 * A stage session id. The API model's are 16 characters (`IVS_LIMITS.stageSessionIdLength`); events hold them
 * loosely, up to an ARN's length, because the guard only passes them back to IVS, which is the judge.
 */
export const stageSessionId = () => nonEmptyText(IVS_LIMITS.arnMaxLength);

/** A participant id (`ParticipantId`: at most 64 of `[a-zA-Z0-9-]`): DisconnectParticipant acts on it. */
export const participantId = () =>
  text().check(
    z.superRefine((value, ctx) => {
      if (value.length > IVS_LIMITS.participantIdMaxLength || !IVS_PATTERNS.participantId.test(value)) {
        ctx.addIssue({ code: 'custom', message: `must be a participant id: at most ${IVS_LIMITS.participantIdMaxLength} letters, digits or '-'; got ${quote(value)}` });
      }
    }),
  );

const ISO_TIME_REASON = 'must be an ISO 8601 time like 2026-11-20T19:42:10Z';
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** True for an ISO 8601 date-time with a zone whose date and time exist (no 30 February, no 24:00). */
export function isIsoTime(value: string): boolean {
  const match = ISO_TIME.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && Number.isFinite(Date.parse(value));
}

/** An ISO 8601 date-time with a zone (`Z` or `+00:00`), as EventBridge and the IVS API write them. */
export const isoTime = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `${ISO_TIME_REASON}, not ${describeValue(issue.input)}`) }).check(
    z.superRefine((value, ctx) => {
      if (!isIsoTime(value)) ctx.addIssue({ code: 'custom', message: `${ISO_TIME_REASON}; got ${quote(value)}` });
    }),
  );

const NUMERIC = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/**
 * A number that IVS sometimes sends as a string (`"8500000"`): both are accepted, the result is a
 * number. A string that is not a number is a rejection.
 */
export const looseNumber = () =>
  z.pipe(
    z.union([z.number(), z.string()], { error: typeError('a number') }),
    checkedTransform((value: number | string, ctx): number => {
      if (typeof value === 'number') {
        if (Number.isFinite(value)) return value;
      } else if (value.length <= NUMERIC_TEXT_MAX && NUMERIC.test(value)) {
        const parsed = Number(value);
        if (Number.isFinite(parsed)) return parsed;
      }
      ctx.addIssue({ code: 'custom', message: `must be a number; got ${quote(value)}` });
      return z.NEVER;
    }),
  );

/**
 * What happened (`event_name`, `recording_status`, `limit_name`): any non-empty string. A name ivs-guard does not
 * know yet is not a rejection: IVS adds names over time. The parsed event says so in its notes (`nameNotes`).
 * A missing or mistyped one is rejected, listing the names ivs-guard knows.
 */
export function eventName(names: readonly string[]) {
  const expected = `expected one of ${names.map((name) => `'${name}'`).join(', ')}`;
  return z.string({ error: (issue) => `${EVENT_VOICE.expected('a string', issue.input)}; ${expected}` }).check(
    z.superRefine((value, ctx) => {
      if (value.trim() === '') ctx.addIssue({ code: 'custom', message: `must not be empty: it says what happened; ${expected}` });
      else if (value.length > EVENT_NAME_MAX_LENGTH) ctx.addIssue({ code: 'custom', message: `must be at most ${EVENT_NAME_MAX_LENGTH} characters, not ${value.length}; ${expected}` });
    }),
  );
}

/**
 * For a detail that names what happened in either of two fields (IVS and its schema registry disagree): the
 * refinement that one is there, and which one it was.
 */
export function eitherName<const F extends string, const G extends string>(first: F, second: G, names: readonly string[], hint: string) {
  return {
    required: (detail: { [K in F | G]?: string | undefined }, ctx: z.core.$RefinementCtx): void => {
      if (detail[first] === undefined && detail[second] === undefined) {
        ctx.addIssue({ code: 'custom', path: [first], message: `is required (${hint}); expected one of ${names.map((name) => `'${name}'`).join(', ')}` });
      }
    },
    /** The field that named it and the name; the refinement guarantees one. */
    of: (detail: { [K in F | G]?: string | undefined }): { field: F | G; name: string } => {
      const given = detail[first];
      return given === undefined ? { field: second, name: detail[second] ?? '' } : { field: first, name: given };
    },
  };
}

/** The note for a name the contracts do not know yet, or none. */
export function nameNotes(detailType: string, field: string, name: string, known: readonly string[]): string[] {
  return known.includes(name) ? [] : [`${detailType} ${field} ${quote(name)} is not one ivs-guard knows yet: processed, no policy names it`];
}

/** `source` of an IVS event: always `aws.ivs`. */
export const ivsSource = () => z.literal(IVS_SOURCE, { error: `must be '${IVS_SOURCE}' for an IVS event` });
