/**
 * The in-memory fake of the ledger and the DynamoDB adapter answer a scripted sequence alike, so
 * pipeline tests on the fake say something about the deployed guard: the rows, cooldowns, budget and history,
 * and the leases (#7) — claims, a live lease, an expired one taken over with its notes, a late finisher, the
 * budget charged once per action, publishing claimed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardError } from '../../domain/errors.ts';
import type { Lease, LedgerEntry, LedgerPort } from '../../domain/ports.ts';
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

const L0 = Date.parse('2026-11-20T19:20:00.000Z');
const after = (seconds: number) => new Date(L0 + seconds * 1000);
const claim = (claimant: string, seconds: number): Lease => ({ claimant, now: after(seconds), seconds: 60 });
const leased: LedgerEntry = entry('ev-20#stream-key-leak#0', { type: 'rotateStreamKey', at: after(0).toISOString() });
const takerOutcome: LedgerEntry = { ...leased, status: 'applied', reason: 'deleted k1; created k2 (found created by an earlier attempt of this rotation)', at: after(90).toISOString() };
const lateOutcome: LedgerEntry = { ...leased, status: 'failed', reason: 'the late claimant\'s own outcome', at: after(95).toISOString() };
const released: LedgerEntry = entry('ev-21#stream-key-leak#0', { at: after(0).toISOString() });
const charge = (eventId: string, actionKey: string, seconds: number) => ({ ...reservation(eventId, after(seconds).toISOString(), { maxActionsPerHour: 2, cooldownSeconds: 0 }), actionKey });
/** A step's failure, as its code: the scripts compare what each ledger refused, and why. */
const codeOf = (error: unknown) => (error instanceof GuardError ? error.code : String(error));

const LEASE_STEPS: Step[] = [
  ['c1 claims the action', (l) => l.beginAction(leased, claim('c1', 0)), { kind: 'begin' }],
  ['c1 notes what it found', (l) => l.noteProgress(leased.actionKey, 'c1', '{"keysBefore":["k1"]}'), undefined],
  ['c1 claims it again (its own retry): it begins, its notes kept, its lease renewed', (l) => l.beginAction(leased, claim('c1', 10)), { kind: 'begin' }],
  ["c2 meets c1's live lease", (l) => l.beginAction(leased, claim('c2', 30)), { kind: 'busy', claimant: 'c1', until: after(70).toISOString() }],
  ["c2, once the lease is over, takes it over with c1's notes", (l) => l.beginAction(leased, claim('c2', 71)), { kind: 'taken-over', from: 'c1', progress: '{"keysBefore":["k1"]}' }],
  ['c1 may not note any more', (l) => l.noteProgress(leased.actionKey, 'c1', 'more').then(() => 'noted', codeOf), 'LeaseLost'],
  ['c1 releases a lease that is not its own: nothing changes', (l) => l.releaseAction(leased.actionKey, 'c1'), undefined],
  ["c3 meets c2's lease", (l) => l.beginAction(leased, claim('c3', 80)), { kind: 'busy', claimant: 'c2', until: after(131).toISOString() }],
  ['c2 finishes it', (l) => l.finishAction(takerOutcome, 'c2'), undefined],
  ["c1 finishes late: refused, c2's outcome stands", (l) => l.finishAction(lateOutcome, 'c1').then(() => 'finished', codeOf), 'LeaseLost'],
  ["a redelivery finds it done, with c2's outcome", (l) => l.beginAction(leased, claim('c4', 200)), { kind: 'done', entry: takerOutcome }],
  ['d1 claims another action', (l) => l.beginAction(released, claim('d1', 0)), { kind: 'begin' }],
  ['d1 fails and releases it', (l) => l.releaseAction(released.actionKey, 'd1'), undefined],
  ['d2 takes it over at once, inside the lease d1 had', (l) => l.beginAction(released, claim('d2', 1)), { kind: 'taken-over', from: 'd1' }],
  ['c1 is charged for its action', (l) => l.reserve(charge('ev-20', leased.actionKey, 0)), { ok: true }],
  ['c2, which took it over, reserves it again: not charged again', (l) => l.reserve(charge('ev-20', leased.actionKey, 71)), { ok: true }],
  ['another action is charged: the budget of 2 is spent', (l) => l.reserve(charge('ev-22', 'ev-22#p#0', 72)), { ok: true }],
  ['a third action is refused: two were charged, not three', (l) => l.reserve(charge('ev-23', 'ev-23#p#0', 73)), { ok: false, why: 'budget', used: 2, limit: 2, firstTime: true }],
  ['c1 claims publishing ev-20', (l) => l.claimPublish('ev-20', claim('c1', 100)), 'go'],
  ['c2 meets the claim', (l) => l.claimPublish('ev-20', claim('c2', 101)), 'busy'],
  ["c1's publish failed: it gives the claim back", (l) => l.releasePublish('ev-20', 'c1'), undefined],
  ['c2 claims it at once', (l) => l.claimPublish('ev-20', claim('c2', 102)), 'go'],
  ['not published yet', (l) => l.wasPublished('ev-20'), false],
  ['c2 published', (l) => l.markPublished('ev-20', after(103)), undefined],
  ['c3 finds it published', (l) => l.claimPublish('ev-20', claim('c3', 104)), 'published'],
  ['published', (l) => l.wasPublished('ev-20'), true],
];

describe('the fake and the DynamoDB adapter agree', () => {
  it.each([
    ['the in-memory fake', () => Promise.resolve<LedgerPort>(new FakeLedger())],
    ['the DynamoDB adapter on dynalite', async () => harness.ledger(await harness.table())],
  ])('%s answers every step as scripted', async (_, make) => {
    const ledger = await make();
    for (const [name, run, expected] of STEPS) expect(await run(ledger), name).toEqual(expected);
  });

  it.each([
    ['the in-memory fake', () => Promise.resolve<LedgerPort>(new FakeLedger())],
    ['the DynamoDB adapter on dynalite', async () => harness.ledger(await harness.table())],
  ])('%s answers every lease step as scripted', async (_, make) => {
    const ledger = await make();
    for (const [name, run, expected] of LEASE_STEPS) expect(await run(ledger), name).toEqual(expected);
  });
});
