/**
 * The lease on each action (#7.1), on dynalite through separate clients (as separate containers): N claimants at
 * once, exactly one begins; a live lease is busy; an expired one is taken over with the dead claimant's notes;
 * the budget is charged once per action; publishing is claimed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardError } from '../../domain/errors.ts';
import { budgetKeyOf, hourWindow } from '../../adapters/ledger-items.ts';
import { entry, LedgerHarness, reservation } from './ledger-harness.ts';

let harness: LedgerHarness;
beforeAll(async () => {
  harness = await LedgerHarness.start();
});
afterAll(async () => {
  await harness.stop();
});

const T0 = new Date('2026-11-20T19:10:00.000Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const lease = (claimant: string, now = T0) => ({ claimant, now, seconds: 60 });

describe('a lease on each action', () => {
  it.each([2, 4, 8])('%i claimants at once: exactly one begins, the others are busy', async (n) => {
    const table = await harness.table();
    const ledgers = Array.from({ length: n }, () => harness.ledger(table));
    const results = await Promise.all(ledgers.map((ledger, i) => ledger.beginAction(entry('ev-1#p#0'), lease(`c${i}`))));
    expect(results.filter((r) => r.kind === 'begin')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(n - 1);
  });

  it('an expired lease is taken over with the notes of the claimant that died; the dead one may not note again', async () => {
    const table = await harness.table();
    const [first, second] = [harness.ledger(table), harness.ledger(table)];
    expect(await first.beginAction(entry('ev-1#p#0'), lease('dead'))).toEqual({ kind: 'begin' });
    await first.noteProgress('ev-1#p#0', 'dead', 'taken');
    expect(await second.beginAction(entry('ev-1#p#0'), lease('taker', later(30)))).toMatchObject({ kind: 'busy', claimant: 'dead' });
    expect(await second.beginAction(entry('ev-1#p#0'), lease('taker', later(61)))).toEqual({ kind: 'taken-over', from: 'dead', progress: 'taken' });
    await expect(first.noteProgress('ev-1#p#0', 'dead', 'more')).rejects.toThrow(GuardError);
  });

  it('a released lease (a transient failure) is taken over at once', async () => {
    const table = await harness.table();
    const ledger = harness.ledger(table);
    await ledger.beginAction(entry('ev-1#p#0'), lease('failed'));
    await ledger.releaseAction('ev-1#p#0', 'failed');
    expect(await ledger.beginAction(entry('ev-1#p#0'), lease('retry', later(1)))).toEqual({ kind: 'taken-over', from: 'failed' });
  });

  it('the budget is charged once per action, however many claimants reserve it', async () => {
    const table = await harness.table();
    const ledger = harness.ledger(table);
    const input = { ...reservation('ev-1', T0.toISOString()), actionKey: 'ev-1#p#0' };
    expect(await ledger.reserve(input)).toEqual({ ok: true });
    expect(await ledger.reserve(input)).toEqual({ ok: true });
    expect((await harness.row(table, budgetKeyOf(hourWindow(T0))))?.used).toBe(1);
    await ledger.release(input);
    await ledger.release(input);
    expect((await harness.row(table, budgetKeyOf(hourWindow(T0))))?.used).toBe(0);
  });

  it('publishing is claimed once: the others are busy until it is published', async () => {
    const table = await harness.table();
    const ledgers = Array.from({ length: 4 }, () => harness.ledger(table));
    const claims = await Promise.all(ledgers.map((ledger, i) => ledger.claimPublish('ev-1', lease(`c${i}`))));
    expect(claims.filter((c) => c === 'go')).toHaveLength(1);
    expect(claims.filter((c) => c === 'busy')).toHaveLength(3);
    expect(await ledgers[0]?.wasPublished('ev-1')).toBe(false);
    await ledgers[0]?.markPublished('ev-1', T0);
    expect(await ledgers[1]?.claimPublish('ev-1', lease('late'))).toBe('published');
  });
});
