/**
 * Field schemas shared by the event contracts. Each one rejects with plain words that a person can
 * act on ("must be a channel ARN like …"), never with zod's defaults: the reason travels to logs,
 * to the CLI and to the audit bus.
 */
import { z } from 'zod';
import { IVS_LIMITS, IVS_PATTERNS } from '../limits.ts';

/** Longest ARN the IVS API model accepts (ChannelArn, StageArn, CompositionArn: 1 to 128). */
const ARN_MAX_LENGTH = 128;
/** Stream ids quoted in reasons are shown like this one. */
const STREAM_ID_EXAMPLE = 'st-1A2b3c4D5e6F78ghij9Klmn';
/** A quoted value in a reason is cut to this many characters: a reason must stay one readable line. */
const QUOTE_MAX = 60;

/** `'value'`, cut short when long, for a reason. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : printable(value);
  const cut = text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
  return `'${cut.replace(/[\r\n\t]/g, ' ')}'`;
}

/** Any value as short text; never throws (a BigInt or a cycle defeats JSON.stringify). */
function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return describe(value);
  }
}

/** What a JSON value is, in words: `a number`, `an array`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** The error function for a missing or mistyped value: "is required" or "must be a string, not a number". */
export function typeError(expected: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : `must be ${expected}, not ${describe(issue.input)}`;
}

/** The source of every event IVS publishes. */
export const IVS_SOURCE = 'aws.ivs';

/** A string, any length (empty allowed). */
export const text = () => z.string({ error: typeError('a string') });

/** An optional string; `null` is taken as absent (tolerant of senders that write nulls). */
export const optionalText = () => text().nullish();

/** A string with at least one character, at most `max`. */
export function nonEmptyText(max: number) {
  return text().superRefine((value, ctx) => {
    if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
    else if (value.length > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters, not ${value.length}` });
  });
}

function arnSchema(pattern: RegExp, reason: string) {
  return text().superRefine((value, ctx) => {
    if (value.length > ARN_MAX_LENGTH || !pattern.test(value)) ctx.addIssue({ code: 'custom', message: `${reason}; got ${quote(value)}` });
  });
}

const CHANNEL_ARN_REASON = 'must be a channel ARN like arn:aws:ivs:<region>:<account>:channel/<id>';
const STAGE_ARN_REASON = 'must be a stage ARN like arn:aws:ivs:<region>:<account>:stage/<id>';
const COMPOSITION_ARN_REASON = 'must be a composition ARN like arn:aws:ivs:<region>:<account>:composition/<id>';

export const channelArn = () => arnSchema(IVS_PATTERNS.channelArn, CHANNEL_ARN_REASON);

/** The ARN kinds an IVS event can name in `resources[0]`. */
const RESOURCE_ARNS = {
  channel: { pattern: IVS_PATTERNS.channelArn, reason: CHANNEL_ARN_REASON, example: 'arn:aws:ivs:<region>:<account>:channel/<id>' },
  stage: { pattern: IVS_PATTERNS.stageArn, reason: STAGE_ARN_REASON, example: 'arn:aws:ivs:<region>:<account>:stage/<id>' },
  composition: { pattern: IVS_PATTERNS.compositionArn, reason: COMPOSITION_ARN_REASON, example: 'arn:aws:ivs:<region>:<account>:composition/<id>' },
} as const;
export type ResourceArnKind = keyof typeof RESOURCE_ARNS;

/** True when `value` is an ARN of that kind, as the IVS API model writes them. */
export function isResourceArn(kind: ResourceArnKind, value: string): boolean {
  return value.length <= ARN_MAX_LENGTH && RESOURCE_ARNS[kind].pattern.test(value);
}

/** The rejection reason for a missing `resources[0]` of that kind. */
export function resourceRequiredReason(kind: ResourceArnKind): string {
  return `is required: the ${kind} ARN, like ${RESOURCE_ARNS[kind].example}`;
}

/**
 * `resources` whose first entry is an ARN of that kind (the IVS events put the channel, stage or
 * composition there). With `required: false` an empty array passes: account-wide limit breaches.
 */
export function resourcesWith(kind: ResourceArnKind, options: { required: boolean }) {
  return z
    .array(text(), { error: typeError('an array of ARNs') })
    .default([])
    .superRefine((resources, ctx) => {
      const first = resources[0];
      if (first === undefined) {
        if (options.required) ctx.addIssue({ code: 'custom', path: [0], message: resourceRequiredReason(kind) });
      } else if (!isResourceArn(kind, first)) {
        ctx.addIssue({ code: 'custom', path: [0], message: `${RESOURCE_ARNS[kind].reason}; got ${quote(first)}` });
      }
    });
}

/** Why `value` is not a stream id, or undefined when it is one. */
export function streamIdProblem(value: string): string | undefined {
  const expected = `must be a stream id: 'st-' and ${IVS_LIMITS.streamIdLength - 3} letters or digits (${IVS_LIMITS.streamIdLength} characters), like ${STREAM_ID_EXAMPLE}`;
  if (!IVS_PATTERNS.streamId.test(value)) return `${expected}; got ${quote(value)}`;
  if (value.length !== IVS_LIMITS.streamIdLength) return `${expected}; got ${value.length} characters`;
  return undefined;
}

/** A stream id: `st-[a-zA-Z0-9]+`, exactly 26 characters (GetStreamSession's StreamId). */
export const streamId = () =>
  text().superRefine((value, ctx) => {
    const problem = streamIdProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

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
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `${ISO_TIME_REASON}, not ${describe(issue.input)}`) }).superRefine((value, ctx) => {
    if (!isIsoTime(value)) ctx.addIssue({ code: 'custom', message: `${ISO_TIME_REASON}; got ${quote(value)}` });
  });

const NUMERIC = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/;

/**
 * A number that IVS sometimes sends as a string (`"8500000"`): both are accepted, the result is a
 * number. A string that is not a number is a rejection.
 */
export const looseNumber = () =>
  z.union([z.number(), z.string()], { error: typeError('a number') }).transform((value, ctx) => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
    } else if (value.length <= 40 && NUMERIC.test(value)) {
      const parsed = Number(value);
      if (Number.isFinite(parsed)) return parsed;
    }
    ctx.addIssue({ code: 'custom', message: `must be a number; got ${quote(value)}` });
    return z.NEVER;
  });

/**
 * An enum of event names whose rejection says which detail-type it belongs to and lists the names:
 * "unknown event_name 'Foo' for IVS Stream State Change; expected one of 'Stream Start', …".
 */
export function eventNameEnum<const T extends readonly [string, ...string[]]>(names: T, field: string, detailType: string) {
  const expected = `expected one of ${names.map((name) => `'${name}'`).join(', ')}`;
  return z.enum(names, {
    error: (issue) => {
      if (issue.input === undefined) return `is required; ${expected}`;
      if (typeof issue.input !== 'string') return `must be a string, not ${describe(issue.input)}; ${expected}`;
      return `unknown ${field} ${quote(issue.input)} for ${detailType}; ${expected}`;
    },
  });
}

/** `source` of an IVS event: always `aws.ivs`. */
export const ivsSource = () => z.literal(IVS_SOURCE, { error: `must be '${IVS_SOURCE}' for an IVS event` });
