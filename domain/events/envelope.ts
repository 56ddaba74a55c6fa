/**
 * The EventBridge envelope every event arrives in. Unknown top-level fields are kept (`looseObject`);
 * `replay-name` is set on events re-sent by EventBridge Archive & Replay.
 */
import * as z from 'zod/mini';
import '../zod.ts';
import { withDefined } from '../defined.ts';
import { EVENTBRIDGE_LIMITS } from '../limits.ts';
import { describeValue } from '../wording.ts';
import { isoTime, ivsSource, nameNotes, nonEmptyText, text, typeError } from './fields.ts';
import type { DetailType } from './names.ts';

/** Event ids become ledger keys (DynamoDB keys are at most 2 KB): a longer one is not an EventBridge id. */
const EVENT_ID_MAX_LENGTH = 256;
/** Account ids are 12 digits and region names short: anything longer is not from EventBridge. */
const ACCOUNT_REGION_MAX_LENGTH = 64;

export const detailObjectSchema = z.looseObject({}, {
  error: (issue) => (issue.input === undefined ? 'is required' : `must be an object, not ${describeValue(issue.input)}`),
});

export const eventBridgeEnvelopeSchema = z.looseObject({
  id: nonEmptyText(EVENT_ID_MAX_LENGTH),
  'detail-type': nonEmptyText(EVENTBRIDGE_LIMITS.detailTypeMaxLength),
  source: nonEmptyText(EVENTBRIDGE_LIMITS.sourceMaxLength),
  account: nonEmptyText(ACCOUNT_REGION_MAX_LENGTH),
  time: isoTime(),
  region: nonEmptyText(ACCOUNT_REGION_MAX_LENGTH),
  /** Where IVS puts the resource an event is about; empty for account-wide limit breaches. */
  resources: z._default(z.array(text(), { error: typeError('an array of ARNs') }), []),
  detail: detailObjectSchema,
  'replay-name': z.optional(text()),
}, { error: (issue) => `must be an EventBridge event (a JSON object), not ${describeValue(issue.input)}` });

export type EventBridgeEnvelope = z.output<typeof eventBridgeEnvelopeSchema>;

/**
 * The fields every typed event shares, from a parsed envelope: `name` is what happened (`event_name`,
 * `recording_status`, `limit_name`), `notes` what the parser wants a reader to know (a name it does not know yet),
 * left out when there is nothing to say.
 */
export function eventBase<const D extends DetailType>(envelope: EventBridgeEnvelope, detailType: D, name: string, notes: readonly string[] = []) {
  return {
    id: envelope.id,
    detailType,
    source: envelope.source,
    account: envelope.account,
    region: envelope.region,
    /** ISO 8601, as EventBridge gives it. */
    time: envelope.time,
    /** `time` in epoch milliseconds. */
    timeMs: Date.parse(envelope.time),
    resources: envelope.resources,
    name,
    ...withDefined({ replayName: envelope['replay-name'], notes: notes.length > 0 ? [...notes] : undefined }),
  };
}

/** The envelope of an IVS event of `detailType` from `aws.ivs`, with its own `resources` and `detail`. */
export function ivsEventEnvelope<const D extends DetailType, R extends z.ZodMiniType, S extends z.ZodMiniType>(detailType: D, resources: R, detail: S) {
  return z.extend(eventBridgeEnvelopeSchema, { 'detail-type': z.literal(detailType), source: ivsSource(), resources, detail });
}

/** `eventBase` for an event named by `field`, with a note when the name is not one of `known`. */
export function namedEventBase<const D extends DetailType>(envelope: EventBridgeEnvelope, detailType: D, field: string, name: string, known: readonly string[]) {
  return eventBase(envelope, detailType, name, nameNotes(detailType, field, name, known));
}

/** What the parser adds to a schema's output: the EventBridge event as received, unknown fields and all. */
export interface Received {
  raw: Record<string, unknown>;
}

/** The typed event a transforming contract schema gives, with the event as received. */
export type ParsedEvent<S extends z.ZodMiniType> = z.output<S> & Received;
