/**
 * The emulator's EventBridge PutEvents through the real @aws-sdk/client-eventbridge (AWS JSON 1.1),
 * so the guard's audit adapter can publish over HTTP during a replay.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { Emulator } from '../../local/emulator/index.ts';
import { startEmulator } from '../../local/emulator/index.ts';

let emulator: Emulator;
let events: EventBridgeClient;

const entry = (detail: object = { policy: 'stream-key-leak' }): PutEventsRequestEntry => ({
  Source: 'ivs-guard',
  DetailType: 'IVS Guard Decision',
  Detail: JSON.stringify(detail),
  EventBusName: 'ivs-guard-audit',
  Resources: ['arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh'],
  Time: new Date('2026-11-20T19:10:00Z'),
});

async function start(faults?: string): Promise<void> {
  emulator = await startEmulator(faults ? { faults } : {});
  events = new EventBridgeClient({ endpoint: emulator.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
}

beforeEach(() => start());

afterEach(async () => {
  events.destroy();
  await emulator.stop();
});

it('records the entries it accepts and answers an EventId for each', async () => {
  const out = await events.send(new PutEventsCommand({ Entries: [entry(), entry({ policy: 'must-record' })] }));
  expect(out.FailedEntryCount).toBe(0);
  expect(out.Entries?.map((e) => e.EventId)).toEqual(emulator.published.map((p) => p.EventId));
  expect(emulator.published[1]).toMatchObject({
    Source: 'ivs-guard',
    DetailType: 'IVS Guard Decision',
    Detail: '{"policy":"must-record"}',
    EventBusName: 'ivs-guard-audit',
    Resources: ['arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh'],
    Time: '2026-11-20T19:10:00.000Z',
  });
  expect(emulator.calls.counts()).toEqual({ PutEvents: 1 });
});

it('fails single entries in Entries, as EventBridge does, and keeps the others', async () => {
  const out = await events.send(new PutEventsCommand({ Entries: [entry(), { ...entry(), Source: 'aws.ivs' }, { ...entry(), Detail: 'not json' }, { Source: 'ivs-guard', Detail: '{}' }] }));
  expect(out.FailedEntryCount).toBe(3);
  expect(out.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'NotAuthorizedForSourceException', 'InvalidArgument', 'InvalidArgument']);
  expect(out.Entries?.[3]?.ErrorMessage).toBe('Parameter DetailType is not valid. Reason: DetailType is a required argument.');
  expect(emulator.published).toHaveLength(1);
});

it('refuses more than 10 entries with ValidationException', async () => {
  const error = await events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('less than or equal to 10'), $metadata: { httpStatusCode: 400 } });
  expect(emulator.published).toEqual([]);
});

it('refuses entries over 256 KB in total with ValidationException', async () => {
  const half = { blob: 'x'.repeat(130 * 1024) };
  await events.send(new PutEventsCommand({ Entries: [entry(half)] }));
  const error = await events.send(new PutEventsCommand({ Entries: [entry(half), entry(half)] })).catch((e: unknown) => e as { name: string; message: string });
  expect(error).toMatchObject({ name: 'ValidationException', message: 'Total size of the entries in the request is over the limit.' });
  expect(emulator.published).toHaveLength(1);
});

it('applies faults to PutEvents too', async () => {
  events.destroy();
  await emulator.stop();
  await start('throttle=1');
  const error = await events.send(new PutEventsCommand({ Entries: [entry()] })).catch((e: unknown) => e as { name: string; $metadata: { httpStatusCode: number } });
  expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
  expect(emulator.published).toEqual([]);
});
