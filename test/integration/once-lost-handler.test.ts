/**
 * Lost answers through the deployed handlers (#7): for each operation the guard calls, the answer of its first
 * call, then of every second call, is lost (a proxy in front of the emulator forwards the call, the emulator
 * applies it, and the connection is dropped before the answer: the SDK's retry meets the consequence). What the
 * emulator did equals, one for one, what the ledger says was applied; each rotated channel ends with one key;
 * no metadata is inserted twice. Revocations and disconnects are harmless to repeat: the SDK's retry of a lost
 * one does it again, so the emulator may record such a call once more for each answer lost, never otherwise, and
 * a revocation's ledger row says when its pairs were sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../domain/ports.ts';
import { revocationRequested, streamStateChange } from '../../local/event-builders.ts';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import type { ActionRecord } from '../../local/emulator/types.ts';
import type { ProxiedCall, ProxyVerdict } from './fixtures/ivs-proxy.ts';
import { channelOf, deliverUntilResolved, freshContainer, publishedFor, startOnceStack, streamIdOf } from './once-harness.ts';
import type { Handler, OnceStack } from './once-harness.ts';

const TEXT = 'the stream key was rotated';
const STAGE_ACCOUNT = 'arn:aws:ivs:us-west-2:123456789012:stage/';
const POLICIES = `
version: 1
mode: enforce
safety: { cooldownSeconds: 300, maxActionsPerHour: 100000 }
policies:
  - name: leak
    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }
    then: [rotateStreamKey, { putMetadata: { text: "${TEXT}" } }, stopStream]
  - name: failed
    on: { detailType: IVS Stream State Change, names: [Stream Failure] }
    then: [deleteStreamKey]
  - name: moderation
    on: { detailType: Viewer Session Revocation Requested }
    then: [revokeViewerSessions]
  - name: publisher
    on: { detailType: IVS Stage Update, names: [Participant Published] }
    then: [{ disconnectParticipant: { reason: "not allowed to publish" } }]
`;

type Pattern = 'first' | 'every second';
/** What is being lost now: the calls of `operation` counted from `from` (the proxy's count when the case began). */
let losing: { operation: string; pattern: Pattern; from: number } | undefined;
const callsSoFar = new Map<string, number>();

function decide({ operation, nth }: ProxiedCall): ProxyVerdict {
  callsSoFar.set(operation, nth);
  if (!losing || losing.operation !== operation) return 'forward';
  const ordinal = nth - losing.from;
  return (losing.pattern === 'first' ? ordinal === 1 : ordinal % 2 === 1) ? 'lose' : 'forward';
}

let stack: OnceStack;
let stream: Handler;
let moderation: Handler;
let stage: Handler;

beforeAll(async () => {
  stack = await startOnceStack(POLICIES, { proxy: decide });
  stream = await freshContainer('stream');
  moderation = await freshContainer('moderation');
  stage = await freshContainer('stage');
});

afterAll(async () => {
  await stack.stop();
});

let cases = 0;
const EVENTS_A_CASE = 3;

/** What one case did: the emulator's record of its targets, the ledger's rows, and the events it sent. */
interface Ran {
  actions: ActionRecord[];
  rows: LedgerEntry[];
  eventIds: string[];
  rotated: string[];
  cleared: string[];
  pairs: string[];
  participants: string[];
}

/** Three leaked-key channels, three failed streams, three revocation requests and three publishers, each delivered until it resolves. */
async function runCase(): Promise<Ran> {
  cases += 1;
  const c = cases;
  const { world } = stack.emulator;
  const ran: Ran = { actions: [], rows: [], eventIds: [], rotated: [], cleared: [], pairs: [], participants: [] };
  const stageArn = `${STAGE_ACCOUNT}LostStage${String(c).padStart(3, '0')}`;
  const sessionId = `st-LostStageSession${c}`;
  const stageState = world.ensureStage(stageArn);
  stageState.stage.activeSessionId = sessionId;
  const time = new Date(Date.UTC(2026, 10, 20, 19) + c * 60_000).toISOString();

  for (let i = 0; i < EVENTS_A_CASE; i += 1) {
    const n = c * 10 + i;
    const leaked = channelOf('lostL', n);
    const failed = channelOf('lostF', n);
    for (const channelArn of [leaked, failed]) {
      applyIvsEvent(world, streamStateChange('Stream Start', { id: `start-${channelArn}`, time, channelArn, detail: { stream_id: streamIdOf(n) } }));
    }
    const participantId = `partLost${String(n).padStart(4, '0')}`;
    stageState.participants.push({ participantId, sessionId, state: 'CONNECTED', published: true, userId: `user-${n}`, events: [] });
    const viewers = ['alice', 'bob', 'carol'].map((viewerId) => ({ channelArn: failed, viewerId, viewerSessionVersionsLessThanOrEqualTo: 0 }));
    const deliveries: Array<[Handler, string, Record<string, unknown>]> = [
      [stream, 'stream', streamStateChange('Stream Takeover Failure', { id: `leak-${n}`, time, channelArn: leaked, detail: { stream_id: streamIdOf(n), code: 'StreamTakeoverInvalidPriority' } })],
      [stream, 'stream', streamStateChange('Stream Failure', { id: `failed-${n}`, time, channelArn: failed, detail: { stream_id: streamIdOf(n) } })],
      [moderation, 'moderation', revocationRequested(viewers, { id: `revoke-${n}`, time })],
      [stage, 'stage', stageUpdate(`publish-${n}`, stageArn, sessionId, participantId, time)],
    ];
    for (const [handler, fn, event] of deliveries) {
      await deliverUntilResolved(handler, fn, `msg-${String(event.id)}`, event);
      ran.eventIds.push(String(event.id));
    }
    ran.rotated.push(leaked);
    ran.cleared.push(failed);
    ran.pairs.push(...viewers.map((v) => `${v.channelArn} ${v.viewerId}`));
    ran.participants.push(`${stageArn} ${participantId}`);
  }
  const ids = new Set(ran.eventIds);
  ran.rows = (await stack.ledger.history({ limit: 100_000 })).filter((row) => ids.has(row.eventId));
  const targets = new Set([...ran.rotated, ...ran.cleared, stageArn]);
  ran.actions = world.actions.filter((a) => targets.has(a.target) || targets.has(String(a.detail?.channelArn)));
  return ran;
}

function stageUpdate(id: string, stageArn: string, sessionId: string, participantId: string, time: string): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': 'IVS Stage Update',
    source: 'aws.ivs',
    account: '123456789012',
    time,
    region: 'us-west-2',
    resources: [stageArn],
    detail: { session_id: sessionId, event_name: 'Participant Published', participant_id: participantId, user_id: 'someone', event_time: time },
  };
}

/** The calls that change something once (a repeat would change it again), as the emulator recorded them. */
function onceEffectsSeen(actions: ActionRecord[]): string[] {
  return actions.flatMap((a) => {
    if (a.operation === 'DeleteStreamKey') return [`DeleteStreamKey ${a.target}`];
    if (a.operation === 'CreateStreamKey') return [`CreateStreamKey ${a.target} ${String(a.detail?.streamKeyArn)}`];
    if (a.operation === 'StopStream' || a.operation === 'PutMetadata') return [`${a.operation} ${a.target}`];
    return [];
  });
}

/** The same calls, as the ledger's applied rows tell them (the keys from the rows' own words). */
function onceEffectsRecorded(rows: LedgerEntry[]): string[] {
  return rows.flatMap((row) => {
    if (row.status !== 'applied') return [];
    const reason = row.reason ?? '';
    const deleted = (/^deleted (.+?)(;|$)/.exec(reason)?.[1] ?? '').split(', ').filter((arn) => arn.startsWith('arn:'));
    if (row.type === 'rotateStreamKey') return [...deleted.map((arn) => `DeleteStreamKey ${arn}`), `CreateStreamKey ${row.target} ${/created (\S+)/.exec(reason)?.[1] ?? '?'}`];
    if (row.type === 'deleteStreamKey') return deleted.map((arn) => `DeleteStreamKey ${arn}`);
    if (row.type === 'stopStream') return reason === 'stream stopped' ? [`StopStream ${row.target}`] : [];
    if (row.type === 'putMetadata') return [`PutMetadata ${row.target}`];
    return [];
  });
}

const sorted = (values: string[]) => [...values].sort();

const OPERATIONS = ['ListStreamKeys', 'DeleteStreamKey', 'CreateStreamKey', 'PutMetadata', 'StopStream', 'BatchStartViewerSessionRevocation', 'DisconnectParticipant'];

describe('the answer of an operation lost, through the handlers', () => {
  it.each(OPERATIONS.flatMap((operation) => (['first', 'every second'] as const).map((pattern) => [operation, pattern] as const)))(
    '%s, the %s call lost: the emulator did what the ledger says, one for one',
    async (operation, pattern) => {
      losing = { operation, pattern, from: callsSoFar.get(operation) ?? 0 };
      let ran: Ran;
      try {
        ran = await runCase();
      } finally {
        losing = undefined;
      }
      const lostNow = countLost(operation);
      expect(lostNow, 'answers lost in this case').toBeGreaterThanOrEqual(pattern === 'first' ? 1 : 2);

      // Once-only calls: one for one.
      expect(sorted(onceEffectsSeen(ran.actions))).toEqual(sorted(onceEffectsRecorded(ran.rows)));
      const { world } = stack.emulator;
      for (const channelArn of ran.rotated) expect(world.channels.get(channelArn)?.streamKeys, channelArn).toHaveLength(1);
      for (const channelArn of ran.cleared) expect(world.channels.get(channelArn)?.streamKeys, channelArn).toHaveLength(0);
      for (const channelArn of ran.rotated) expect(world.metadata.filter((m) => m.channelArn === channelArn).map((m) => m.metadata), channelArn).toEqual([TEXT]);

      // Harmless to repeat: each pair and participant the ledger applied was done, and nothing else; a repeat only for a lost answer.
      const revoked = ran.actions.filter((a) => a.operation === 'BatchStartViewerSessionRevocation').map((a) => `${a.target} ${String(a.detail?.viewerId)}`);
      const disconnected = ran.actions.filter((a) => a.operation === 'DisconnectParticipant').map((a) => `${a.target} ${String(a.detail?.participantId)}`);
      const appliedOf = (type: string) => ran.rows.filter((row) => row.type === type && row.status === 'applied').length;
      expect(appliedOf('revokeViewerSessions')).toBe(EVENTS_A_CASE);
      expect(appliedOf('disconnectParticipant')).toBe(EVENTS_A_CASE);
      expect(sorted([...new Set(revoked)])).toEqual(sorted(ran.pairs));
      expect(sorted([...new Set(disconnected)])).toEqual(sorted(ran.participants));
      expect(revoked.length - ran.pairs.length).toBeLessThanOrEqual(operation === 'BatchStartViewerSessionRevocation' ? lostNow * 3 : 0);
      expect(disconnected.length - ran.participants.length).toBeLessThanOrEqual(operation === 'DisconnectParticipant' ? lostNow : 0);
      // …and the ledger row of a revocation says when its pairs were sent again.
      for (const row of ran.rows.filter((r) => r.type === 'revokeViewerSessions')) {
        const repeated = revoked.filter((pair) => pair.startsWith(`${row.target} `)).length > 3;
        expect(row.reason?.includes('sent again after an answer was lost'), `${row.actionKey}: ${row.reason ?? ''}`).toBe(repeated);
      }

      // Every action finished, and each event's decision published once with its actions applied.
      expect(ran.rows.filter((row) => row.status !== 'applied').map((row) => `${row.actionKey}: ${row.status} ${row.reason ?? ''}`)).toEqual([]);
      for (const eventId of ran.eventIds) {
        const published = publishedFor(stack.emulator, eventId);
        expect(published.map((d) => d.actions.map((a) => a.status)), eventId).toEqual([published[0]?.actions.map(() => 'applied')]);
      }
    },
    60_000,
  );
});

let lostCounted = new Map<string, number>();
/** The answers of `operation` lost since the last time this was asked. */
function countLost(operation: string): number {
  const total = stack.proxy!.lostOf(operation);
  const before = lostCounted.get(operation) ?? 0;
  lostCounted = new Map(lostCounted).set(operation, total);
  return total - before;
}
