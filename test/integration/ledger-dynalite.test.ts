/**
 * The DynamoDB ledger adapter against a real DynamoDB implementation (dynalite), through separate
 * clients where it matters: what holds across containers holds here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardError } from '../../domain/errors.ts';
import type { ReserveResult } from '../../domain/ports.ts';
import { alertKeyOf, actionKeyOf, budgetKeyOf, cooldownKeyOf } from '../../adapters/ledger-items.ts';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import { ensureLedgerTable } from '../../adapters/ledger-table.ts';
import { startDynalite } from '../../local/dynalite.ts';
import { CHANNEL_A, CHANNEL_B, entry, LedgerHarness, reservation } from './ledger-harness.ts';

let harness: LedgerHarness;
beforeAll(async () => {
  harness = await LedgerHarness.start();
});
afterAll(async () => {
  await harness.stop();
});

const NOW = '2026-11-20T19:10:00.000Z';
const channel = (n: number) => `arn:aws:ivs:us-west-2:123456789012:channel/load${String(n).padStart(8, '0')}`;

describe('actions: begin, finish, redelivery', () => {
  it('begins once, begins again while pending, and reports the finished outcome to a redelivery', async () => {
    const ledger = harness.ledger(await harness.table());
    const first = entry('ev-1#stream-key-leak#0');
    expect(await ledger.beginAction(first)).toEqual({ kind: 'begin' });
    expect(await ledger.beginAction(first)).toEqual({ kind: 'begin' });
    const finished = { ...first, status: 'applied' as const, reason: 'stream stopped', at: '2026-11-20T19:00:01.000Z' };
    await ledger.finishAction(finished);
    expect(await ledger.beginAction({ ...first, at: '2026-11-20T19:05:00.000Z' })).toEqual({ kind: 'done', entry: finished });
  });

  it('records the action as pending, whatever status begin is given', async () => {
    const tableName = await harness.table();
    await harness.ledger(tableName).beginAction(entry('ev-1#p#0', { status: 'applied' }));
    expect(await harness.row(tableName, actionKeyOf('ev-1#p#0'))).toMatchObject({ status: 'pending' });
  });

  it.each([
    ['the default 90 days', undefined, 90],
    ['ttlDays 7', 7, 7],
  ])('keeps an action row for %s after its time (expiresAt, epoch seconds)', async (_, ttlDays, days) => {
    const tableName = await harness.table();
    const ledger = harness.ledger(tableName, ttlDays === undefined ? {} : { ttlDays });
    await ledger.finishAction(entry('ev-1#p#0', { status: 'applied' }));
    const row = await harness.row(tableName, actionKeyOf('ev-1#p#0'));
    expect(row?.expiresAt).toBe(Date.parse('2026-11-20T19:00:00.000Z') / 1000 + days * 86_400);
  });
});

describe('cooldown', () => {
  it.each<[string, Parameters<typeof reservation>, ReserveResult]>([
    ['another event inside the window is refused, told who holds it until when', ['ev-2', '2026-11-20T19:14:59.999Z'], { ok: false, why: 'cooldown', until: '2026-11-20T19:15:00.000Z', byEventId: 'ev-1' }],
    ['another event once the window has passed goes ahead', ['ev-2', '2026-11-20T19:15:00.000Z'], { ok: true }],
    ['the same event again (a retry) goes ahead', ['ev-1', '2026-11-20T19:12:00.000Z'], { ok: true }],
    ['another event, another action type on the same target goes ahead', ['ev-2', '2026-11-20T19:12:00.000Z', { type: 'rotateStreamKey' }], { ok: true }],
    ['another event, the same action on another target goes ahead', ['ev-2', '2026-11-20T19:12:00.000Z', { target: CHANNEL_B }], { ok: true }],
    ['another event under cooldownSeconds 0 goes ahead', ['ev-2', '2026-11-20T19:12:00.000Z', { cooldownSeconds: 0 }], { ok: true }],
  ])('after ev-1 took it at 19:10 for 300 s: %s', async (_, args, expected) => {
    const tableName = await harness.table();
    expect(await harness.ledger(tableName).reserve(reservation('ev-1', NOW))).toEqual({ ok: true });
    expect(await harness.ledger(tableName).reserve(reservation(...args))).toEqual(expected);
  });

  it('holds a target longer than a key may be (a revocation across 40 channels)', async () => {
    const ledger = harness.ledger(await harness.table());
    const target = Array.from({ length: 40 }, (_, n) => channel(n)).join(',');
    expect(target.length).toBeGreaterThan(2048);
    const revoke = (eventId: string) => ledger.reserve(reservation(eventId, NOW, { type: 'revokeViewerSessions', target }));
    expect(await revoke('ev-1')).toEqual({ ok: true });
    expect(await revoke('ev-2')).toMatchObject({ ok: false, why: 'cooldown', byEventId: 'ev-1' });
  });

  it('is given back by release only to the event that holds it', async () => {
    const ledger = harness.ledger(await harness.table());
    await ledger.reserve(reservation('ev-1', NOW));
    await ledger.release({ type: 'stopStream', target: CHANNEL_A, eventId: 'ev-2', now: new Date(NOW) });
    expect(await ledger.reserve(reservation('ev-3', NOW))).toMatchObject({ ok: false, why: 'cooldown', byEventId: 'ev-1' });
    await ledger.release({ type: 'stopStream', target: CHANNEL_A, eventId: 'ev-1', now: new Date(NOW) });
    expect(await ledger.reserve(reservation('ev-3', NOW))).toEqual({ ok: true });
  });
});

describe('hourly budget', () => {
  it('counts exactly to the limit, then refuses, announcing it the first time only; the next hour starts afresh', async () => {
    const ledger = harness.ledger(await harness.table());
    const take = (n: number, now = NOW) => ledger.reserve(reservation(`ev-${n}`, now, { target: channel(n), maxActionsPerHour: 3 }));
    expect([await take(1), await take(2), await take(3)]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await take(4)).toEqual({ ok: false, why: 'budget', used: 3, limit: 3, firstTime: true });
    expect(await take(5)).toEqual({ ok: false, why: 'budget', used: 3, limit: 3, firstTime: false });
    expect(await take(6, '2026-11-20T20:00:00.000Z')).toEqual({ ok: true });
  });

  it('refusing the budget gives the cooldown back (both or neither); release gives a unit back', async () => {
    const ledger = harness.ledger(await harness.table());
    const take = (eventId: string, target: string) => ledger.reserve(reservation(eventId, NOW, { target, maxActionsPerHour: 1 }));
    expect(await take('ev-1', CHANNEL_A)).toEqual({ ok: true });
    expect(await take('ev-2', CHANNEL_B)).toMatchObject({ ok: false, why: 'budget' });
    await ledger.release({ type: 'stopStream', target: CHANNEL_A, eventId: 'ev-1', now: new Date(NOW) });
    // ev-2's refused reservation left no cooldown on CHANNEL_B behind: ev-3 may take it.
    expect(await take('ev-3', CHANNEL_B)).toEqual({ ok: true });
  });

  it('a refused retry puts back the cooldown its event held before', async () => {
    const tableName = await harness.table();
    const ledger = harness.ledger(tableName);
    expect(await ledger.reserve(reservation('ev-1', NOW, { maxActionsPerHour: 1 }))).toEqual({ ok: true });
    expect(await ledger.reserve(reservation('ev-1', '2026-11-20T19:12:00.000Z', { maxActionsPerHour: 1 }))).toMatchObject({ ok: false, why: 'budget' });
    expect(await harness.row(tableName, cooldownKeyOf('stopStream', CHANNEL_A))).toMatchObject({ eventId: 'ev-1', until: '2026-11-20T19:15:00.000Z' });
  });

  it('keeps its rows for ttlDays after the hour', async () => {
    const tableName = await harness.table();
    const ledger = harness.ledger(tableName, { ttlDays: 1 });
    await ledger.reserve(reservation('ev-1', NOW, { maxActionsPerHour: 1 }));
    await ledger.reserve(reservation('ev-2', NOW, { target: CHANNEL_B, maxActionsPerHour: 1 }));
    const hour = Date.parse('2026-11-20T19:00:00.000Z') / 1000;
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toMatchObject({ used: 1, expiresAt: hour + 86_400 });
    expect(await harness.row(tableName, alertKeyOf('2026-11-20T19'))).toMatchObject({ eventId: 'ev-2', expiresAt: hour + 86_400 });
  });
});

describe('across containers', () => {
  it('40 concurrent reservations from 4 clients under a budget of 25: exactly 25 go ahead, one refusal is announced', async () => {
    const tableName = await harness.table();
    const ledgers = [1, 2, 3, 4].map(() => harness.ledger(tableName));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) => ledgers[n % 4]!.reserve(reservation(`ev-${n}`, NOW, { target: channel(n), maxActionsPerHour: 25 }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(25);
    const refusals = results.filter((r) => !r.ok);
    expect(refusals).toHaveLength(15);
    expect(refusals.every((r) => r.why === 'budget' && r.used === 25 && r.limit === 25)).toBe(true);
    expect(refusals.filter((r) => r.why === 'budget' && r.firstTime)).toHaveLength(1);
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toMatchObject({ used: 25 });
    const refusedTargets = results.flatMap((r, n) => (r.ok ? [] : [channel(n)]));
    const leftBehind = await Promise.all(refusedTargets.map((target) => harness.row(tableName, cooldownKeyOf('stopStream', target))));
    expect(leftBehind.filter((row) => row !== undefined)).toEqual([]);
  });

  it('10 events reserving the same action on the same target at once: exactly one goes ahead, and only it is counted', async () => {
    const tableName = await harness.table();
    const ledgers = [1, 2, 3, 4, 5].map(() => harness.ledger(tableName));
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => ledgers[n % 5]!.reserve(reservation(`ev-${n}`, NOW))));
    const winner = results.findIndex((r) => r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array(9).fill({ ok: false, why: 'cooldown', until: '2026-11-20T19:15:00.000Z', byEventId: `ev-${winner}` }));
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toMatchObject({ used: 1 });
  });
});

describe('history', () => {
  it('lists newest first, all channels or one, up to the limit (50 by default)', async () => {
    const ledger = harness.ledger(await harness.table());
    const times = ['2026-11-20T19:00:05Z', '2026-11-20T19:00:01.500Z', '2026-11-20T19:00:03.000Z'];
    for (const [n, at] of times.entries()) await ledger.finishAction(entry(`ev-${n}#p#0`, { at, status: 'applied', channelArn: n === 1 ? CHANNEL_B : CHANNEL_A }));
    const { channelArn: _, ...notify } = entry('notify#p#0', { type: 'notify', target: 'audit', status: 'applied', at: '2026-11-20T19:00:04.000Z' });
    await ledger.finishAction(notify);
    const keys = (entries: Array<{ actionKey: string }>) => entries.map((e) => e.actionKey);
    expect(keys(await ledger.history({}))).toEqual(['ev-0#p#0', 'notify#p#0', 'ev-2#p#0', 'ev-1#p#0']);
    expect(keys(await ledger.history({ channelArn: CHANNEL_A }))).toEqual(['ev-0#p#0', 'ev-2#p#0']);
    expect(keys(await ledger.history({ channelArn: CHANNEL_B }))).toEqual(['ev-1#p#0']);
    expect(keys(await ledger.history({ limit: 2 }))).toEqual(['ev-0#p#0', 'notify#p#0']);
    expect(await ledger.history({ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/none' })).toEqual([]);
  });

  it('returns the entries as recorded, and 50 of them by default', async () => {
    const ledger = harness.ledger(await harness.table());
    const recorded = Array.from({ length: 55 }, (_, n) => entry(`ev-${n}#p#0`, { at: new Date(Date.parse(NOW) + n * 1000).toISOString(), status: 'failed', reason: 'ThrottlingException' }));
    await Promise.all(recorded.map((e) => ledger.finishAction(e)));
    const history = await ledger.history({});
    expect(history).toHaveLength(50);
    expect(history[0]).toEqual(recorded[54]);
  });
});

describe('errors', () => {
  it('a missing table is a final error', async () => {
    const ledger = harness.ledger('no-such-table');
    const error = await ledger.history({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect(error).toMatchObject({ errorClass: 'final', code: 'ResourceNotFoundException' });
  });

  it('an entry whose time is not a time is a final error, and nothing is written', async () => {
    const tableName = await harness.table();
    const error = await harness.ledger(tableName).finishAction(entry('ev-1#p#0', { at: 'yesterday' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorClass: 'final' });
    expect(await harness.row(tableName, actionKeyOf('ev-1#p#0'))).toBeUndefined();
  });

  it('an unreachable endpoint is a transient error', async () => {
    const client = new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-west-2', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const error = await ledgerAdapter(client, { tableName: 'ledger' })
      .beginAction(entry('ev-1#p#0'))
      .catch((e: unknown) => e);
    client.destroy();
    expect(error).toMatchObject({ errorClass: 'transient', code: 'ECONNREFUSED' });
  });
});

describe('local dynalite with a path', () => {
  it('keeps the ledger across restarts; ensureLedgerTable leaves an existing table as it is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ivs-guard-ledger-'));
    const run = async (work: (ledger: ReturnType<typeof ledgerAdapter>) => Promise<unknown>) => {
      const db = await startDynalite({ path: join(dir, 'state') });
      expect(db.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new DynamoDBClient({ endpoint: db.url, region: 'us-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      try {
        await ensureLedgerTable(client, 'ledger');
        return await work(ledgerAdapter(client, { tableName: 'ledger' }));
      } finally {
        client.destroy();
        await db.stop();
      }
    };
    try {
      const recorded = entry('ev-1#p#0', { status: 'applied' });
      await run((ledger) => ledger.finishAction(recorded));
      expect(await run((ledger) => ledger.history({}))).toEqual([recorded]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
