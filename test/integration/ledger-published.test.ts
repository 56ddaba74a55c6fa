import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedKeyOf } from '../../adapters/ledger-items.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { LedgerHarness } from './ledger-harness.ts';

describe('the ledger remembers which events were published', () => {
  let harness: LedgerHarness;

  beforeAll(async () => {
    harness = await LedgerHarness.start();
  });

  afterAll(async () => {
    await harness.stop();
  });

  it.each([
    ['the DynamoDB adapter on dynalite', async () => harness.ledger(await harness.table())],
    ['the in-memory fake', () => Promise.resolve(new FakeLedger())],
  ])('%s: unknown until marked, then known', async (_, make) => {
    const ledger = await make();

    expect(await ledger.wasPublished('event-1')).toBe(false);
    await ledger.markPublished('event-1', new Date('2026-11-20T19:10:00Z'));
    expect(await ledger.wasPublished('event-1')).toBe(true);
    expect(await ledger.wasPublished('event-2')).toBe(false);
  });

  it('stores the mark with a TTL and no secret', async () => {
    const table = await harness.table();
    await harness.ledger(table).markPublished('event-9', new Date('2026-11-20T19:10:00Z'));

    const row = await harness.row(table, publishedKeyOf('event-9'));
    expect(row).toMatchObject({ eventId: 'event-9', at: '2026-11-20T19:10:00.000Z', expiresAt: Date.parse('2026-11-20T19:10:00Z') / 1000 + 90 * 86_400 });
    expect(await harness.ledger(table).wasPublished('event-9')).toBe(true);
  });
});
