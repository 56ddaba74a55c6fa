/**
 * The in-memory fake of the ledger and the DynamoDB adapter answer a scripted sequence alike, so
 * pipeline tests on the fake say something about the deployed guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry, LedgerPort } from '../../domain/ports.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { CHANNEL_A, CHANNEL_B, entry, LedgerHarness, reservation } from './ledger-harness.ts';

let harness: LedgerHarness;
beforeAll(async () => {
  harness = await LedgerHarness.start();
});
afterAll(async () => {
  await harness.stop();
});

const T0 = '2026-11-20T19:10:00.000Z';
const T1 = '2026-11-20T19:11:00.000Z';
const NEXT_HOUR = '2026-11-20T20:00:00.000Z';
const budgetOf2 = { maxActionsPerHour: 2 };
const releaseOf = (eventId: string, now: string) => ({ type: 'stopStream' as const, target: CHANNEL_A, eventId, now: new Date(now) });

const stop: LedgerEntry = entry('ev-1#stream-key-leak#0', { at: T0 });
const stopped: LedgerEntry = { ...stop, status: 'applied', reason: 'stream stopped', at: '2026-11-20T19:10:01Z' };
const { channelArn: _, ...notifyFields } = entry('ev-1#stream-key-leak#1', { type: 'notify', target: 'audit', status: 'applied', at: '2026-11-20T19:10:02.000Z' });
const notified: LedgerEntry = notifyFields;
const onB: LedgerEntry = entry('ev-7#ingest-ceiling#0', { channelArn: CHANNEL_B, target: CHANNEL_B, status: 'planned', mode: 'dry-run', at: '2026-11-20T19:09:59.999Z', evidence: [] });

type Step = [name: string, run: (ledger: LedgerPort) => Promise<unknown>, expected: unknown];

const STEPS: Step[] = [
  ['begin an action', (l) => l.beginAction(stop), { kind: 'begin' }],
  ['begin it again while pending (a retry)', (l) => l.beginAction(stop), { kind: 'begin' }],
  ['ev-1 reserves stopStream on A', (l) => l.reserve(reservation('ev-1', T0, budgetOf2)), { ok: true }],
  ['finish the action', (l) => l.finishAction(stopped), undefined],
  ['a redelivery begins it: done, with the outcome', (l) => l.beginAction({ ...stop, at: T1 }), { kind: 'done', entry: stopped }],
  ['ev-2 reserves the same inside the cooldown', (l) => l.reserve(reservation('ev-2', T1, budgetOf2)), { ok: false, why: 'cooldown', until: '2026-11-20T19:15:00.000Z', byEventId: 'ev-1' }],
  ['ev-1 reserves it again (its retry; a second unit)', (l) => l.reserve(reservation('ev-1', T1, budgetOf2)), { ok: true }],
  ['ev-3 on B: the budget of 2 is spent, said once', (l) => l.reserve(reservation('ev-3', T1, { ...budgetOf2, target: CHANNEL_B })), { ok: false, why: 'budget', used: 2, limit: 2, firstTime: true }],
  ['ev-4 on B: still spent, said already', (l) => l.reserve(reservation('ev-4', T1, { ...budgetOf2, target: CHANNEL_B })), { ok: false, why: 'budget', used: 2, limit: 2, firstTime: false }],
  ['ev-9 releases what it does not hold: a budget unit only', (l) => l.release(releaseOf('ev-9', T1)), undefined],
  ['ev-2 still meets ev-1\'s cooldown', (l) => l.reserve(reservation('ev-2', T1, budgetOf2)), { ok: false, why: 'cooldown', until: '2026-11-20T19:16:00.000Z', byEventId: 'ev-1' }],
  ['ev-1 releases its reservation', (l) => l.release(releaseOf('ev-1', T1)), undefined],
  ['ev-5 on B: the refused ev-3 and ev-4 left no cooldown behind', (l) => l.reserve(reservation('ev-5', T1, { ...budgetOf2, target: CHANNEL_B })), { ok: true }],
  ['ev-2 goes ahead now', (l) => l.reserve(reservation('ev-2', T1, budgetOf2)), { ok: true }],
  ['ev-3 on B without cooldown: budget spent again', (l) => l.reserve(reservation('ev-3', T1, { ...budgetOf2, target: CHANNEL_B, cooldownSeconds: 0 })), { ok: false, why: 'budget', used: 2, limit: 2, firstTime: false }],
  ['ev-3 on B in the next hour: goes ahead, no cooldown taken', (l) => l.reserve(reservation('ev-3', NEXT_HOUR, { ...budgetOf2, target: CHANNEL_B, cooldownSeconds: 0 })), { ok: true }],
  ['ev-8 on B in the next hour: no cooldown held', (l) => l.reserve(reservation('ev-8', NEXT_HOUR, { ...budgetOf2, target: CHANNEL_B })), { ok: true }],
  ['record a notify (no channel)', (l) => l.finishAction(notified), undefined],
  ['record a planned action on B', (l) => l.finishAction(onB), undefined],
  ['history: all, newest first', (l) => l.history({}), [notified, stopped, onB]],
  ['history: channel A', (l) => l.history({ channelArn: CHANNEL_A }), [stopped]],
  ['history: channel B, limit 5', (l) => l.history({ channelArn: CHANNEL_B, limit: 5 }), [onB]],
  ['history: limit 2', (l) => l.history({ limit: 2 }), [notified, stopped]],
  ['history: limit 0', (l) => l.history({ limit: 0 }), []],
];

describe('the fake and the DynamoDB adapter agree', () => {
  it.each([
    ['the in-memory fake', () => Promise.resolve<LedgerPort>(new FakeLedger())],
    ['the DynamoDB adapter on dynalite', async () => harness.ledger(await harness.table())],
  ])('%s answers every step as scripted', async (_, make) => {
    const ledger = await make();
    for (const [name, run, expected] of STEPS) expect(await run(ledger), name).toEqual(expected);
  });
});
