/**
 * The `where` conditions of a policy: `sessionEvents`, `ingestExceeds`, `channel`, `participant`, `participantEvents`,
 * `match`, `any` and `not`.
 * Each item of a `where` list is a mapping with exactly one of these keys.
 */
import { z } from 'zod';
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
export const sessionEventsSchema = closedObject(
  {
    names: z.array(eventNameSchema).min(1).optional().describe('Count only session events with one of these names.'),
    codes: z.array(knownWord(STREAM_EVENT_CODES, 'session event code')).min(1).optional().describe('Count only session events with one of these codes.'),
    atLeast: wholeNumber(1).describe('Holds when at least this many events are counted.'),
    withinSeconds: wholeNumber(1).optional().describe('Count only events in this many seconds up to the triggering event (default: the whole session).'),
  },
  SESSION_EVENTS_KEYS,
).describe("Counts the stream session's events (GetStreamSession truncatedEvents) in the window that ends at the triggering event's time.");

const INGEST_LIMITS = ['videoHeight', 'videoWidth', 'framerate', 'videoBitrate', 'audioBitrate'] as const;
export const ingestExceedsSchema = closedObject(
  {
    videoHeight: wholeNumber(1).optional().describe('Pixels.'),
    videoWidth: wholeNumber(1).optional().describe('Pixels.'),
    framerate: wholeNumber(1).optional().describe('Frames per second (targetFramerate).'),
    videoBitrate: wholeNumber(1).optional().describe('Bits per second (targetBitrate of a video track).'),
    audioBitrate: wholeNumber(1).optional().describe('Bits per second (targetBitrate of an audio track).'),
  },
  `ingest limits {${INGEST_LIMITS.join('?, ')}?}`,
)
  .refine((limits) => INGEST_LIMITS.some((key) => limits[key] !== undefined), { error: `name at least one limit: ${INGEST_LIMITS.join(', ')}` })
  .describe('Holds when any ingest track of the session is above one of these limits.');

const CHANNEL_KEYS = ['type', 'latencyMode', 'authorized', 'tags'] as const;
export const channelConditionSchema = closedObject(
  {
    type: knownWord(CHANNEL_TYPES, 'channel type').optional(),
    latencyMode: knownWord(LATENCY_MODES, 'latency mode').optional(),
    authorized: z.boolean({ error: (issue) => expectedMessage('true or false', issue.input) }).optional(),
    tags: z.record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) })).optional().describe('Every tag listed must have this value.'),
  },
  `channel settings {${CHANNEL_KEYS.join('?, ')}?}`,
)
  .refine((channel) => CHANNEL_KEYS.some((key) => channel[key] !== undefined), { error: `name at least one of: ${CHANNEL_KEYS.join(', ')}` })
  .describe("Holds when the session's channel (as it was at go-live) has all these settings.");

const jmesPathSchema = z
  .string({ error: (issue) => expectedMessage('a JMESPath expression', issue.input) })
  .min(1, { error: 'expected a JMESPath expression' })
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: path });
  })
  .describe('JMESPath over {event, session, participant}: event is the raw EventBridge event, e.g. event.detail.code.');

const regexSchema = z
  .string({ error: (issue) => expectedMessage('a regular expression', issue.input) })
  .superRefine((source, ctx) => {
    try {
      new RegExp(source);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, input: source });
    }
  })
  .describe('A JavaScript regular expression; it holds when it matches anywhere in the value (anchor it with ^ and $).');

const anyValue = z
  .unknown()
  .refine((value) => value !== undefined, { error: 'required: a value' })
  .describe('Any YAML value: a string, number, true/false, null, list or mapping.');
const matchKeys = 'match {path, op, value}';
/** Comparison operators of `match`, by what their `value` is. */
export const MATCH_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'notIn', 'exists', 'absent', 'regex', 'glob'] as const;
export type MatchOp = (typeof MATCH_OPS)[number];

export const matchSchema = z
  .discriminatedUnion(
    'op',
    [
      closedObject({ path: jmesPathSchema, op: z.enum(['eq', 'ne']), value: anyValue }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.union([z.number(), z.string()]).describe('A number, or a string (compared as text, e.g. an ISO time).') }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['in', 'notIn']), value: z.array(anyValue).min(1) }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.enum(['exists', 'absent']) }, 'match {path, op} (exists and absent take no value)'),
      closedObject({ path: jmesPathSchema, op: z.literal('regex'), value: regexSchema }, matchKeys),
      closedObject({ path: jmesPathSchema, op: z.literal('glob'), value: z.string().min(1).describe('* matches any characters, ? one.') }, matchKeys),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union' && 'note' in issue ? expectedMessage(`an op, one of ${MATCH_OPS.join(', ')}`, opOf(issue.input)) : undefined,
    },
  )
  .describe('Compares the value at a JMESPath path with `value`.');

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
export const conditionSchema: z.ZodType<Condition> = z.lazy(() => conditionItemSchema).meta({ id: 'Condition' });

const conditionItem = singleKeyObject(
  {
    sessionEvents: sessionEventsSchema.optional(),
    ingestExceeds: ingestExceedsSchema.optional(),
    channel: channelConditionSchema.optional(),
    participant: participantConditionSchema.optional(),
    participantEvents: participantEventsSchema.optional(),
    match: matchSchema.optional(),
    any: z.array(conditionSchema).min(1).optional().describe('Holds when at least one of these holds.'),
    not: conditionSchema.optional().describe('Holds when this does not.'),
  },
  'condition',
).meta({ minProperties: 1, maxProperties: 1 });
const conditionItemSchema = conditionItem.transform(toCondition);

function toCondition(item: z.output<typeof conditionItem>, ctx: z.RefinementCtx): Condition {
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
