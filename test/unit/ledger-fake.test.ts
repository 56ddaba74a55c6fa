/**
 * The ledger fake fails when told to, like the other port fakes; its semantics are checked against the
 * DynamoDB adapter in test/integration/ledger-agreement.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { transientError } from '../../domain/errors.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';

const reservation = (target: string) => ({ type: 'stopStream' as const, target, eventId: 'ev-1', now: new Date('2026-11-20T19:10:00Z'), cooldownSeconds: 300, maxActionsPerHour: 50 });

describe('FakeLedger', () => {
  it('throws the planned error the next `times` calls of the op, then answers, and takes nothing meanwhile', async () => {
    const throttled = transientError('DynamoDB UpdateItem (ledger budget) failed: ThrottlingException', 'ThrottlingException');
    const ledger = new FakeLedger().failNext('reserve', throttled, 2);
    await expect(ledger.reserve(reservation('a'))).rejects.toBe(throttled);
    await expect(ledger.reserve(reservation('a'))).rejects.toBe(throttled);
    expect(ledger.budgets.size).toBe(0);
    await expect(ledger.reserve(reservation('a'))).resolves.toEqual({ ok: true });
    expect(ledger.callsOf('reserve')).toHaveLength(3);
  });

  it('fails only calls about the `when` subject (the target of a reservation)', async () => {
    const ledger = new FakeLedger().failNext('reserve', transientError('throttled', 'ThrottlingException'), 1, 'b');
    await expect(ledger.reserve(reservation('a'))).resolves.toEqual({ ok: true });
    await expect(ledger.reserve(reservation('b'))).rejects.toThrow('throttled');
    await expect(ledger.reserve(reservation('b'))).resolves.toEqual({ ok: true });
  });
});
