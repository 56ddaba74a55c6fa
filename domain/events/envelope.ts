/**
 * The EventBridge envelope every event arrives in. Unknown top-level fields are kept (`looseObject`);
 * `replay-name` is set on events re-sent by EventBridge Archive & Replay.
 */
import { z } from 'zod';
import type { DetailType } from './types.ts';
import { describe, isoTime, nonEmptyText, text, typeError } from './fields.ts';

/** Event ids become ledger keys (DynamoDB keys are at most 2 KB): a longer one is not an EventBridge id. */
const EVENT_ID_MAX_LENGTH = 256;

export const detailObjectSchema = z.looseObject({}, {
  error: (issue) => (issue.input === undefined ? 'is required' : `must be an object, not ${describe(issue.input)}`),
});

export const eventBridgeEnvelopeSchema = z.looseObject({
  id: nonEmptyText(EVENT_ID_MAX_LENGTH),
  'detail-type': nonEmptyText(256),
  source: nonEmptyText(256),
  account: nonEmptyText(64),
  time: isoTime(),
  region: nonEmptyText(64),
  /** Where IVS puts the resource an event is about; empty for account-wide limit breaches. */
  resources: z.array(text(), { error: typeError('an array of ARNs') }).default([]),
  detail: detailObjectSchema,
  'replay-name': text().optional(),
}, { error: (issue) => `must be an EventBridge event (a JSON object), not ${describe(issue.input)}` });

export type EventBridgeEnvelope = z.output<typeof eventBridgeEnvelopeSchema>;

/** The fields every typed event shares, from a parsed envelope and the event as received. */
export function eventBase(envelope: EventBridgeEnvelope, detailType: DetailType, name: string, raw: Record<string, unknown>) {
  const replayName = envelope['replay-name'];
  return {
    id: envelope.id,
    detailType,
    source: envelope.source,
    account: envelope.account,
    region: envelope.region,
    time: envelope.time,
    timeMs: Date.parse(envelope.time),
    resources: envelope.resources,
    name,
    ...(replayName !== undefined ? { replayName } : {}),
    raw,
  };
}
