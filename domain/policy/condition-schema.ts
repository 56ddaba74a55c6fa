/**
 * The `where` conditions of a policy: `sessionEvents`, `ingestExceeds`, `channel`, `participant`, `participantEvents`,
 * `match`, `any` and `not`.
 * Each item of a `where` list is a mapping with exactly one of these keys.
 */
import * as z from 'zod/mini';
import { checkedTransform, described, withMeta } from '../zod.ts';
import { pathProblem } from './jmespath.ts';
import { participantConditionSchema } from './participant-condition.ts';
import type { ParticipantCondition } from './participant-condition.ts';
import { participantEventsSchema } from './participant-events.ts';
import type { ParticipantEventsCondition } from './participant-events.ts';
import { closedObject, expectedMessage, knownWord, singleKeyObject, wholeNumber } from './schema-parts.ts';
import { CHANNEL_TYPES, EVENT_NAMES, LATENCY_MODES, STREAM_EVENT_CODES } from './vocabulary.ts';

/** An IVS event name (`Stream Takeover Failure`, `Recording Start`, …). */
export const eventNameSchema = knownWord(EVENT_NAMES, 'event name');

const SESSION_EVENTS_KEYS = 'sessionEvents {names?, codes?, atLeast, withinSeconds?}';
export const sessionEventsSchema = described(
  closedObject(
    {
      names: described(z.optional(z.array(eventNameSchema).check(z.minLength(1))), 'Count only session events with one of these names.'),
      codes: described(z.optional(z.array(knownWord(STREAM_EVENT_CODES, 'session event code')).check(z.minLength(1))), 'Count only session events with one of these codes.'),
      atLeast: described(wholeNumber(1), 'Holds when at least this many events are counted.'),
      withinSeconds: described(z.optional(wholeNumber(1)), 'Count only events in this many seconds up to the triggering event (default: the whole session).'),
    },
    SESSION_EVENTS_KEYS,
  ),
  "Counts the stream session's events (GetStreamSession truncatedEvents) in the window that ends at the triggering event's time.",
);

const INGEST_LIMITS = ['videoHeight', 'videoWidth', 'framerate', 'videoBitrate', 'audioBitrate'] as const;
export const ingestExceedsSchema = described(
  closedObject(
    {
      videoHeight: described(z.optional(wholeNumber(1)), 'Pixels.'),
      videoWidth: described(z.optional(wholeNumber(1)), 'Pixels.'),
      framerate: described(z.optional(wholeNumber(1)), 'Frames per second (targetFramerate).'),
      videoBitrate: described(z.optional(wholeNumber(1)), 'Bits per second (targetBitrate of a video track).'),
      audioBitrate: described(z.optional(wholeNumber(1)), 'Bits per second (targetBitrate of an audio track).'),
    },
    `ingest limits {${INGEST_LIMITS.join('?, ')}?}`,
  ).check(z.refine((limits) => INGEST_LIMITS.some((key) => limits[key] !== undefined), { error: `name at least one limit: ${INGEST_LIMITS.join(', ')}` })),
  'Holds when any ingest track of the session is above one of these limits.',
);

const CHANNEL_KEYS = ['type', 'latencyMode', 'authorized', 'tags'] as const;
export const channelConditionSchema = described(
  closedObject(
    {
      type: z.optional(knownWord(CHANNEL_TYPES, 'channel type')),
      latencyMode: z.optional(knownWord(LATENCY_MODES, 'latency mode')),
      authorized: z.optional(z.boolean({ error: (issue) => expectedMessage('true or false', issue.input) })),
      tags: described(
        z.optional(z.record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }))),
        'Every tag listed must have this value.',
      ),
    },
    `channel settings {${CHANNEL_KEYS.join('?, ')}?}`,
  ).check(z.refine((channel) => CHANNEL_KEYS.some((key) => channel[key] !== undefined), { error: `name at least one of: ${CHANNEL_KEYS.join(', ')}` })),
  "Holds when the session's channel (as it was at go-live) has all these settings.",
);

const jmesPathSchema = described(
  z.string({ error: (issue) => expectedMessage('a JMESPath expression', issue.input) }).check(
    z.minLength(1, { error: 'expected a JMESPath expression' }),
    z.superRefine((path: string, ctx) => {
      const problem = pathProblem(path);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: path });
    }),
  ),
  'JMESPath over {event, session, participant}: event is the raw EventBridge event, e.g. event.detail.code.',
);

const regexSchema = described(
  z.string({ error: (issue) => expectedMessage('a regular expression', issue.input) }).check(
    z.superRefine((source, ctx) => {
      try {
        new RegExp(source);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, input: source });
      }
    }),
  ),
  'A JavaScript regular expression; it holds when it matches anywhere in the value (anchor it with ^ and $).',
);

const anyValue = described(
  z.unknown().check(z.refine((value) => value !== undefined, { error: 'required: a value' })),
  'Any YAML value: a string, number, true/false, null, list or mapping.',
);
const matchKeys = 'match {path, op, value}';
/** Comparison operators of `match`, by what their `value` is. */
export const MATCH_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'exists', 'absent', 'regex', 'glob'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export const matchSchema = described(
  z.discriminatedUnion(
    'op',
    [
      closedObject({ path: jmesPathSchema, op: z.enum(['eq', 'ne']), value: anyValue }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: described(z.union([z.number(), z.string()]), 'A number, or a string (compared as text, e.g. an ISO time).') }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['in', 'notIn']), value: z.array(anyValue).check(z.minLength(1)) }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['exists', 'absent']) }, 'match {path, op} (exists and absent take no value)'),
      closedObject({ path: jmesPathSchema, op: z.literal('regex'), value: regexSchema }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.literal('glob'), value: described(z.string().check(z.minLength(1)), '* matches any characters, ? one.') }, matchKeys),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union' && 'note' in issue ? expectedMessage(`an op, one of ${MATCH_OPS.join(', ')}`, opOf(issue.input)) : undefined,
    },
  ),
  'Compares the value at a JMESPath path with `value`.',
);

function opOf(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'op' in input ? input.op : undefined;
}

export type SessionEventsCondition = z.output<typeof sessionEventsSchema>;
export type IngestLimits = z.output<typeof ingestExceedsSchema>;
export type ChannelCondition = z.output<typeof channelConditionSchema>;
export type MatchCondition = z.output<typeof matchSchema>;

/** One `where` item. */
export type Condition =
  | { sessionEvents: SessionEventsCondition }
  | { ingestExceeds: IngestLimits }
  | { channel: ChannelCondition }
  | { participant: ParticipantCondition }
  | { participantEvents: ParticipantEventsCondition }
  | { match: MatchCondition }
  | { any: Condition[] }
  | { not: Condition };

/** A `where` item: exactly one of sessionEvents, ingestExceeds, channel, participant, participantEvents, match, any, not. */
export const conditionSchema: z.ZodMiniType<Condition> = withMeta(
  z.lazy(() => conditionItemSchema),
  { id: 'Condition' },
);

const conditionItem = withMeta(
  singleKeyObject(
    {
      sessionEvents: z.optional(sessionEventsSchema),
      ingestExceeds: z.optional(ingestExceedsSchema),
      channel: z.optional(channelConditionSchema),
      participant: z.optional(participantConditionSchema),
      participantEvents: z.optional(participantEventsSchema),
      match: z.optional(matchSchema),
      any: described(z.optional(z.array(conditionSchema).check(z.minLength(1))), 'Holds when at least one of these holds.'),
      not: described(z.optional(conditionSchema), 'Holds when this does not.'),
    },
    'condition',
  ),
  { minProperties: 1, maxProperties: 1 },
);
const conditionItemSchema = z.pipe(conditionItem, checkedTransform(toCondition));

function toCondition(item: z.output<typeof conditionItem>, ctx: z.core.$RefinementCtx<z.output<typeof conditionItem>>): Condition {
  if (item.sessionEvents !== undefined) return { sessionEvents: item.sessionEvents };
  if (item.ingestExceeds !== undefined) return { ingestExceeds: item.ingestExceeds };
  if (item.channel !== undefined) return { channel: item.channel };
  if (item.participant !== undefined) return { participant: item.participant };
  if (item.participantEvents !== undefined) return { participantEvents: item.participantEvents };
  if (item.match !== undefined) return { match: item.match };
  if (item.any !== undefined) return { any: item.any };
  if (item.not !== undefined) return { not: item.not };
  // Reached only for an item of nothing but unknown keys, which zod reported already (it still runs transforms then).
  if (ctx.issues.length === 0) ctx.addIssue({ code: 'custom', input: item, message: 'expected a condition' });
  return z.NEVER;
}
