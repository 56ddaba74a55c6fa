/**
 * API economy (DESIGN §5): GetStreamSession calls per (stream, batch), none for events no policy needs,
 * revocations packed 20 to a call, no duplicate action for one target within one batch.
 */
import type { Context } from 'aws-lambda';
import { makeGuard } from '../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../domain/policy/index.ts';
import { wrapGuard } from '../handlers/make-handler.ts';
import { readFileSync } from 'node:fs';
import { FakeAudit, FakeIvs } from '../test/fakes/ivs-fake.ts';
import { FakeLedger } from '../test/fakes/ledger-fake.ts';
import { sessionWithFailures, sqsBatch, takeoverFailure, streamStateEvent } from '../test/fakes/events.ts';

const context = { functionName: 'bench', awsRequestId: 'bench' } as unknown as Context;

export async function measureApiEconomy(): Promise<Record<string, number>> {
  const ivs = new FakeIvs();
  const streams = 5;
  const channel = (i: number) => `arn:aws:ivs:us-west-2:123456789012:channel/economy${i}`;
  for (let i = 0; i < streams; i += 1) ivs.withSession(channel(i), sessionWithFailures(3, 60));
  const handler = wrapGuard(
    makeGuard({ ivs, audit: new FakeAudit(), ledger: new FakeLedger(), policies: loadPolicyDocument(readFileSync('policies.yml', 'utf8')), clock: () => new Date('2026-11-20T19:10:30Z') }),
  );
  const batches = 20;
  let mostStopsForOneTargetInABatch = 0;
  for (let b = 0; b < batches; b += 1) {
    // Ten records a batch: two takeover failures per stream, five streams.
    const before = ivs.callsOf('StopStream').length;
    const records = Array.from({ length: 10 }, (_, i) => takeoverFailure({ channelArn: channel(i % streams) }));
    await handler(sqsBatch(records), context);
    const stops = ivs.callsOf('StopStream').slice(before).map((c) => String(c.args[0]));
    for (const target of new Set(stops)) mostStopsForOneTargetInABatch = Math.max(mostStopsForOneTargetInABatch, stops.filter((t) => t === target).length);
  }
  const quiet = new FakeIvs();
  const quietHandler = wrapGuard(
    makeGuard({ ivs: quiet, audit: new FakeAudit(), ledger: new FakeLedger(), policies: loadPolicyDocument(readFileSync('policies.yml', 'utf8')), clock: () => new Date() }),
  );
  await quietHandler(sqsBatch(Array.from({ length: 10 }, () => streamStateEvent('Stream End'))), context);
  return {
    'GetStreamSession per (stream, batch)': ivs.callsOf('GetStreamSession').length / (batches * streams),
    'StopStream calls for one target in one batch, at most': mostStopsForOneTargetInABatch,
    'GetStreamSession for 10 events no policy needs': quiet.callsOf('GetStreamSession').length,
  };
}
