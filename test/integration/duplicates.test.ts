/**
 * Deliveries that repeat: SQS delivers a batch again (at-least-once), and an operator replays a day
 * from an EventBridge archive (the same events, each with a top-level `replay-name`). The real
 * handlers, against the emulator and dynalite, act once and publish each decision once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import type { ActionRecord } from '../../local/emulator/index.ts';
import { loadRoutes, route } from '../../local/eventbridge/router.ts';
import { LOCAL_LEDGER_TABLE, localDynamoClient } from '../../local/local-ledger.ts';
import { deliver, deployedFunctions } from '../../local/replay/invoke.ts';
import { dayOfEvents } from '../generators/day-of-events/index.ts';
import { revocationRequest, sqsBatch, streamStateEvent, takeoverFailure } from '../fakes/events.ts';
import { noteAuditEntries } from '../output-scanner.ts';
import { handlersOnEmulator } from './handlers-on-emulator.ts';

const LEAKED = 'arn:aws:ivs:us-west-2:123456789012:channel/dupLeaked001';
const OVER = 'arn:aws:ivs:us-west-2:123456789012:channel/dupCeiling01';
const OVER_STREAM = 'st-DupCeilingSession000001';
const LEAKED_STREAM = 'st-DupLeakedSession0000001';
const INGEST_4K60 = {
  videoConfigurations: [{ codec: 'avc1.640033', track: 'Track0', targetBitrate: 12_000_000, targetFramerate: 60, videoHeight: 2160, videoWidth: 3840 }],
  audioConfigurations: [{ codec: 'mp4a.40.2', track: 'Track0', targetBitrate: 160_000, sampleRate: 48_000, channels: 2 }],
};

const day = dayOfEvents({ seed: 4242, channels: 10, ceilingChannels: 2, bursts: 3, quietBursts: 1, recordingFailures: 1, starvations: 2, revocations: 4, malformed: 0 });
const WORLD = {
  channels: [
    ...day.world.channels,
    { arn: LEAKED, name: 'leaked' },
    { arn: OVER, name: 'over', streamSessions: [{ streamId: OVER_STREAM, startTime: '2026-11-21T09:00:00Z', ingestConfigurations: INGEST_4K60, truncatedEvents: [] }] },
  ],
};

const context = (fn: string) => ({ functionName: `ivs-guard-dup-${fn}`, awsRequestId: `dup-${fn}`, getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;

describe('repeated deliveries, against the emulator and dynalite', () => {
  const guard = handlersOnEmulator(WORLD, async () => ({
    stream: (await import('../../handlers/stream.ts')).handler,
    moderation: (await import('../../handlers/moderation.ts')).handler,
  }));
  afterAll(() => {
    noteAuditEntries('audit bus (emulator)', guard.emulator.published);
  });

  const actionsOn = (...targets: string[]): ActionRecord[] =>
    guard.emulator.world.actions.filter((a) => targets.includes(a.target) || targets.includes(String(a.detail?.channelArn)));
  const decisionsAbout = (...channels: string[]) =>
    guard.emulator.published.map((e) => JSON.parse(e.Detail) as { eventId: string; channelArn?: string; policy: string }).filter((d) => d.channelArn !== undefined && channels.includes(d.channelArn));

  it('acts once when SQS delivers the same stream batch three times, and publishes its decisions once', async () => {
    const events = [
      streamStateEvent('Stream Start', { channelArn: LEAKED, streamId: LEAKED_STREAM, time: '2026-11-21T09:00:00Z' }),
      takeoverFailure({ channelArn: LEAKED, streamId: LEAKED_STREAM, time: '2026-11-21T09:02:00Z' }),
      takeoverFailure({ channelArn: LEAKED, streamId: LEAKED_STREAM, time: '2026-11-21T09:03:00Z' }),
      takeoverFailure({ channelArn: LEAKED, streamId: LEAKED_STREAM, time: '2026-11-21T09:04:00Z' }),
      streamStateEvent('Stream Start', { channelArn: OVER, streamId: OVER_STREAM, time: '2026-11-21T09:00:05Z' }),
    ];
    for (const event of events) applyIvsEvent(guard.emulator.world, event);
    const batch = sqsBatch(events);

    const responses = [await guard.stream(batch, context('stream')), await guard.stream(batch, context('stream')), await guard.stream(batch, context('stream'))];

    expect(responses).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }, { batchItemFailures: [] }]);
    // The batch's records run concurrently: the two channels' actions interleave, each channel's in order.
    const done = actionsOn(LEAKED, OVER).map((a) => `${a.operation} ${String(a.detail?.channelArn ?? a.target)}`);
    expect(done.filter((a) => a.endsWith(LEAKED))).toEqual([`DeleteStreamKey ${LEAKED}`, `CreateStreamKey ${LEAKED}`, `StopStream ${LEAKED}`]);
    expect(done.filter((a) => a.endsWith(OVER))).toEqual([`StopStream ${OVER}`]);
    expect(decisionsAbout(LEAKED, OVER).map((d) => `${d.policy} ${String(d.channelArn)}`).sort()).toEqual([`ingest-ceiling ${OVER}`, `stream-key-leak ${LEAKED}`]);
  });

  it('revokes once when SQS delivers the same moderation batch three times', async () => {
    const request = revocationRequest([{ channelArn: LEAKED, viewerId: 'dup-viewer-1', version: 3 }, { channelArn: LEAKED, viewerId: 'dup-viewer-2' }]);
    const batch = sqsBatch([request]);
    const publishedBefore = guard.emulator.published.length;

    for (let delivery = 0; delivery < 3; delivery += 1) expect(await guard.moderation(batch, context('moderation'))).toEqual({ batchItemFailures: [] });

    expect(guard.emulator.world.revocations.filter((r) => r.viewerId.startsWith('dup-viewer-')).map((r) => `${r.viewerId} ${r.viewerSessionVersionsLessThanOrEqualTo}`)).toEqual([
      'dup-viewer-1 3',
      'dup-viewer-2 0',
    ]);
    expect(guard.emulator.published.slice(publishedBefore).map((e) => (JSON.parse(e.Detail) as { eventId: string }).eventId)).toEqual([request.id]);
  });

  describe('an archive replay of a day', () => {
    const routes = loadRoutes();
    const functionsOf = (raw: unknown) => route(routes, raw).filter((fn) => deployedFunctions().includes(fn));
    const firstTime = new Map<string, unknown>();
    let actionsAfterTheDay: ActionRecord[];
    let publishedAfterTheDay: number;

    beforeAll(async () => {
      for (const { raw } of day.events) {
        applyIvsEvent(guard.emulator.world, raw);
        for (const fn of functionsOf(raw)) firstTime.set(`${String(raw.id)} ${fn}`, await outcomeOf(fn, raw));
      }
      actionsAfterTheDay = structuredClone(guard.emulator.world.actions);
      publishedAfterTheDay = guard.emulator.published.length;
    });

    async function outcomeOf(fn: string, raw: unknown): Promise<unknown> {
      const { outcome, attempts } = await deliver(fn, raw, 'us-west-2');
      expect(attempts).toBe(1);
      if (outcome?.status !== 'processed') return outcome;
      // What each decision is about; how a redelivery words the outcome of what was already done is the report's business.
      return { status: outcome.status, decisions: outcome.decisions.map((d) => ({ policy: d.policy, mode: d.mode, actions: d.actions.map((a) => `${a.type} ${a.target}`) })) };
    }

    it('is a day in which the guard acted and published', () => {
      expect(actionsAfterTheDay.filter((a) => a.operation === 'CreateStreamKey').length).toBeGreaterThanOrEqual(2);
      expect(actionsAfterTheDay.filter((a) => a.operation === 'StopStream').length).toBeGreaterThanOrEqual(4);
      expect(actionsAfterTheDay.filter((a) => a.operation === 'BatchStartViewerSessionRevocation').length).toBeGreaterThan(0);
      expect(publishedAfterTheDay).toBeGreaterThan(6);
    });

    it('acts on nothing again, publishes no second decision, and reports the same decisions', async () => {
      const again: string[] = [];
      for (const { raw } of day.events) {
        const replayed = { ...raw, 'replay-name': 'ivs-guard-day-2026-11-20' };
        applyIvsEvent(guard.emulator.world, replayed);
        for (const fn of functionsOf(replayed)) {
          const outcome = await outcomeOf(fn, replayed);
          const key = `${String(raw.id)} ${fn}`;
          if (JSON.stringify(outcome) !== JSON.stringify(firstTime.get(key))) again.push(`${key}: ${JSON.stringify(outcome)}`);
        }
      }

      expect(again).toEqual([]);
      expect(guard.emulator.world.actions).toEqual(actionsAfterTheDay);
      expect(guard.emulator.published).toHaveLength(publishedAfterTheDay);
    });

    it('keeps one ledger row per action of the day', async () => {
      const client = localDynamoClient(guard.dynamo.url);
      try {
        const rows = await ledgerAdapter(client, { tableName: LOCAL_LEDGER_TABLE }).history({ limit: 10_000 });
        const keys = rows.map((row) => row.actionKey);
        expect(new Set(keys).size).toBe(keys.length);
        expect(rows.filter((row) => row.status === 'applied').length).toBeGreaterThan(0);
        expect(rows.filter((row) => row.status === 'pending')).toEqual([]);
      } finally {
        client.destroy();
      }
    });
  });
});
