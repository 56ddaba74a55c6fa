/**
 * Raw EventBridge events with the tests' defaults (one channel, one stream, one time), built by the project's
 * one set of event builders (local/event-builders.ts), and SQS batches of them.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { revocationRequested, streamStateChange } from '../../local/event-builders.ts';

export const ACCOUNT = '123456789012';
export const REGION = 'us-west-2';
export const CHANNEL = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/abcdABCDefgh`;
export const OTHER_CHANNEL = `arn:aws:ivs:${REGION}:${ACCOUNT}:channel/zyxwZYXWvuts`;
export const STREAM_ID = 'st-1A2b3c4D5e6F78ghij9Klmn';
/** When the tests' events happen, unless they say otherwise. */
export const EVENT_TIME = '2026-11-20T19:10:00Z';

let counter = 0;

export interface RawEventOptions {
  id?: string;
  time?: string;
  channelArn?: string;
  streamId?: string;
  detail?: Record<string, unknown>;
}

/** An `IVS Stream State Change` on `CHANNEL` (by default) with a fresh id, from the one set of event builders. */
export function streamStateEvent(eventName: string, options: RawEventOptions = {}): Record<string, unknown> {
  counter += 1;
  return streamStateChange(eventName, {
    id: options.id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    time: options.time ?? EVENT_TIME,
    account: ACCOUNT,
    region: REGION,
    channelArn: options.channelArn ?? CHANNEL,
    detail: { channel_name: 'main-stage', stream_id: options.streamId ?? STREAM_ID, ...options.detail },
  });
}

export function takeoverFailure(options: RawEventOptions = {}): Record<string, unknown> {
  return streamStateEvent('Stream Takeover Failure', { ...options, detail: { code: 'StreamTakeoverInvalidPriority', ...options.detail } });
}

export function revocationRequest(pairs: Array<{ channelArn?: string; viewerId: string; version?: number }>, id?: string): Record<string, unknown> {
  counter += 1;
  const viewerSessions = pairs.map((p) => ({ channelArn: p.channelArn ?? CHANNEL, viewerId: p.viewerId, viewerSessionVersionsLessThanOrEqualTo: p.version ?? 0 }));
  return revocationRequested(viewerSessions, {
    id: id ?? `11111111-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    time: EVENT_TIME,
    account: ACCOUNT,
    region: REGION,
    detail: { reason: 'abuse report' },
  });
}

export function sqsBatch(bodies: Array<Record<string, unknown> | string>): SQSEvent {
  return {
    Records: bodies.map((body, index): SQSRecord => ({
      messageId: `msg-${index}`,
      receiptHandle: `rh-${index}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1763665800000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1763665800000',
      },
      messageAttributes: {},
      md5OfBody: 'x',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:ivs-guard-stream`,
      awsRegion: REGION,
    })),
  };
}

/** A session with `count` takeover failures, `spacingSeconds` apart, the last at `lastAt`; most recent first. */
export function sessionWithFailures(count: number, spacingSeconds: number, lastAt = '2026-11-20T19:10:00Z', tags: Record<string, string> = {}) {
  const last = Date.parse(lastAt);
  return {
    streamId: STREAM_ID,
    startTime: '2026-11-20T19:00:00.000Z',
    channel: { arn: CHANNEL, name: 'main-stage', type: 'STANDARD', latencyMode: 'LOW', authorized: false, tags },
    truncatedEvents: Array.from({ length: count }, (_, i) => ({
      name: 'Stream Takeover Failure',
      type: 'IVS Stream State Change',
      eventTime: new Date(last - i * spacingSeconds * 1000).toISOString(),
      code: 'StreamTakeoverInvalidPriority',
    })),
  };
}
