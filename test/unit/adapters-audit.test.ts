import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, InternalException, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DecisionRecord } from '../../domain/ports.ts';
import { EVENTBRIDGE_LIMITS } from '../../domain/limits.ts';
import { AUDIT_DETAIL_TYPE, auditAdapter, auditEntry, entrySize, packEntries } from '../../adapters/audit.ts';
import { TRUNCATED_NOTE } from '../../adapters/audit-entry.ts';
import { quietLogger } from '../quiet-logger.ts';

const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdEFGH1234';
const busName = 'ivs-guard-audit';
const streamKey = 'sk_us-west-2_SECRETa1b2c3d4e5f6g7h8';
const playbackToken = 'eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.eyJhd3M6Y2hhbm5lbC1hcm4iOiJhcm4ifQ.c2lnbmF0dXJl';

const decision = (i: number, over: Partial<DecisionRecord> = {}): DecisionRecord => ({
  eventId: `evt-${i}`,
  detailType: 'IVS Stream State Change',
  eventName: 'Stream Takeover Failure',
  eventTime: '2024-05-01T10:00:00Z',
  channelArn,
  streamId: 'st-1A2b3c4D5e6F78ghij9Klmn',
  policy: 'takeover-storm',
  mode: 'enforce',
  evidence: ['3 takeover failures in 412 s: StreamTakeoverInvalidPriority ×2, StreamTakeoverLimitBreached ×1'],
  actions: [{ type: 'rotateStreamKey', target: channelArn, status: 'applied' }],
  decidedAt: '2024-05-01T10:00:01.000Z',
  ...over,
});
const decisions = (n: number) => Array.from({ length: n }, (_, i) => decision(i));

const eventBridge = mockClient(EventBridgeClient);
const sleep = vi.fn((_ms: number) => Promise.resolve());
const adapter = () => auditAdapter(new EventBridgeClient({ region: 'us-west-2' }), { busName, retry: { maxRetries: 2, sleep } });
const sentEntries = () => eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
const accepted = (entries: readonly unknown[]) => ({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `id-${i}` })) });

quietLogger();
beforeEach(() => {
  eventBridge.reset();
  sleep.mockClear();
});

describe('auditEntry', () => {
  it('builds an IVS Guard Decision entry on the bus, with the channel as resource and the decision time', () => {
    const record = decision(1);
    expect(auditEntry(record, { busName })).toStrictEqual({
      Source: 'ivs-guard',
      DetailType: AUDIT_DETAIL_TYPE,
      Resources: [channelArn],
      Time: new Date('2024-05-01T10:00:01.000Z'),
      EventBusName: busName,
      Detail: JSON.stringify(record),
    });
  });

  it('has no resource for an account-wide decision, and takes a configured source', () => {
    const { channelArn: _omitted, ...accountWide } = decision(2);
    const entry = auditEntry(accountWide, { source: 'acme.guard' });
    expect(entry.Resources).toEqual([]);
    expect(entry.Source).toBe('acme.guard');
    expect(entry).not.toHaveProperty('EventBusName');
  });

  it('sizes an entry as EventBridge does: Time 14 bytes + UTF-8 bytes of Source, DetailType, Detail, Resources', () => {
    const entry: PutEventsRequestEntry = { Time: new Date(), Source: 'src', DetailType: 'dt', Detail: '{"a":"é"}', Resources: ['r1', 'r22'] };
    expect(entrySize(entry)).toBe(14 + 3 + 2 + 10 + 2 + 3);
  });

  it('strips stream keys and playback tokens from every field', () => {
    const record = decision(3, { evidence: [`key ${streamKey} leaked`, `token=${playbackToken}`], actions: [{ type: 'notify', target: 'audit', status: 'applied', reason: `rotated ${streamKey}` }] });
    const detail = auditEntry(record, { busName }).Detail ?? '';
    expect(detail).not.toContain(streamKey);
    expect(detail).not.toContain(playbackToken);
    expect(JSON.parse(detail)).toMatchObject({ evidence: ['key [REDACTED] leaked', 'token=[REDACTED]'] });
  });

  it('trims an oversized decision under 256 KB, evidence first, ending with a note', () => {
    const evidence = Array.from({ length: 400 }, (_, i) => `observation ${i}: ${'x'.repeat(1_000)}`);
    const entry = auditEntry(decision(4, { evidence }), { busName });

    expect(entrySize(entry)).toBeLessThan(EVENTBRIDGE_LIMITS.maxEntryBytes);
    expect(entrySize(entry)).toBeGreaterThan(EVENTBRIDGE_LIMITS.maxEntryBytes - 2_048); // trimmed only as much as needed
    const detail = JSON.parse(entry.Detail ?? '') as DecisionRecord & { truncated?: boolean };
    expect(detail.truncated).toBe(true);
    expect(detail.evidence.at(-1)).toBe(TRUNCATED_NOTE);
    expect(detail.evidence[0]).toBe(evidence[0]);
    expect(detail).toMatchObject({ eventId: 'evt-4', policy: 'takeover-storm', actions: decision(4).actions });
  });

  it('trims a decision whose size is not in its evidence', () => {
    const entry = auditEntry(decision(5, { actions: [{ type: 'notify', target: 'audit', status: 'applied', reason: 'é'.repeat(200_000) }] }), { busName });
    expect(entrySize(entry)).toBeLessThan(EVENTBRIDGE_LIMITS.maxEntryBytes);
    expect(JSON.parse(entry.Detail ?? '')).toMatchObject({ eventId: 'evt-5', truncated: true });
  });
});

describe('publish', () => {
  it('sends 23 decisions in 3 PutEvents calls of 10, 10 and 3', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => accepted(input.Entries));
    const all = decisions(23);

    await adapter().publish(all);

    expect(sentEntries().map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(eventBridge).toHaveReceivedNthCommandWith(PutEventsCommand, 3, { Entries: all.slice(20).map((d) => auditEntry(d, { busName })) });
    expect(sentEntries().flat().every((entry) => entry.DetailType === 'IVS Guard Decision' && entry.EventBusName === busName)).toBe(true);
  });

  it('sends nothing for no decisions', async () => {
    await adapter().publish([]);
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 0);
  });

  it('keeps each request under 256 KB by splitting large entries across calls', () => {
    const big = (i: number) => auditEntry(decision(i, { evidence: ['y'.repeat(100_000)] }), { busName });
    expect(packEntries([big(1), big(2), big(3)]).map((call) => call.length)).toEqual([2, 1]);
  });

  it('retries only the entries that failed, then succeeds', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: Array.from({ length: 5 }, (_, i) => (i === 1 || i === 3 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow' } : { EventId: `id-${i}` })),
      })
      .resolvesOnce(accepted([1, 2]));
    const all = decisions(5);

    await adapter().publish(all);

    expect(sentEntries()).toEqual([all.map((d) => auditEntry(d, { busName })), [all[1]!, all[3]!].map((d) => auditEntry(d, { busName }))]);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('throws a transient GuardError naming how many failed once retries are spent', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'oops' }, { EventId: 'ok' }] });

    const error: unknown = await adapter().publish(decisions(2)).catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'GuardError', errorClass: 'transient', code: 'PutEventsFailedEntries' });
    expect((error as Error).message).toContain('1 of 2 audit entries failed after 3 attempts (InternalFailure)');
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 3);
  });

  it('makes a failed call a transient GuardError', async () => {
    eventBridge.on(PutEventsCommand).rejects(new InternalException({ message: 'down', $metadata: { httpStatusCode: 500 } }));
    await expect(adapter().publish(decisions(1))).rejects.toMatchObject({ errorClass: 'transient', code: 'InternalException' });
  });

  it('publishes no secret', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => accepted(input.Entries));
    await adapter().publish([decision(1, { evidence: [`stream key ${streamKey}`, `token ${playbackToken}`] })]);
    const sent = JSON.stringify(sentEntries());
    expect(sent).not.toContain(streamKey);
    expect(sent).not.toContain(playbackToken);
  });
});
