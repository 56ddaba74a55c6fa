/**
 * The parse step: an SQS record's body becomes a `GuardEvent`, or the reasons it cannot. A rejected event is
 * counted and logged with its reasons, and the rest of its batch goes on.
 */
import { withDefined } from '../defined.ts';
import { parseSqsRecordBody } from '../events/parse.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import type { CorrelationKeys } from '../ports.ts';
import type { RecordOutcome, RunContext } from './run-context.ts';

/** What parsing a record gave: its event and the keys every log line about it carries, or its rejection. */
export type Parsed = { ok: true; event: GuardEvent; keys: CorrelationKeys } | { ok: false; outcome: Extract<RecordOutcome, { status: 'rejected' }> };

/**
 * Parses one SQS record.
 *
 * @example
 * const parsed = parse({ messageId: 'm-1', body }, run);
 * if (!parsed.ok) return parsed.outcome; // { status: 'rejected', rejections: [...] }
 */
export function parse(record: { messageId: string; body: string }, run: RunContext): Parsed {
  const parsed = parseSqsRecordBody(record.body, withDefined({ moderationSource: run.config.moderationSource }));
  if (!parsed.ok) {
    run.metrics.count('EventsRejected');
    run.log.warn('event rejected', { messageId: record.messageId, rejections: parsed.rejections });
    return { ok: false, outcome: { status: 'rejected', rejections: parsed.rejections } };
  }
  const event = parsed.event;
  return { ok: true, event, keys: withDefined({ messageId: record.messageId, eventId: event.id, channelArn: channelOf(event), streamId: streamOf(event) }) };
}
