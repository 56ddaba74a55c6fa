import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { Guard, RecordOutcome } from '../../domain/pipeline/guard.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';

const context = { functionName: 'ivs-guard-test-stream', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** A guard whose records take `body` ms and fail when their id starts with `fail`. */
const slowGuard: Guard = {
  beginBatch: () => ({
    handleRecord: async ({ messageId, body }) => {
      await new Promise((resolve) => setTimeout(resolve, Number(body)));
      if (messageId.startsWith('fail')) throw new Error(`${messageId} failed`);
      return { status: 'processed' } as unknown as RecordOutcome;
    },
  }),
};

const batch = (records: Array<[string, number]>): SQSEvent => ({ Records: records.map(([messageId, ms]) => ({ messageId, body: String(ms) })) }) as unknown as SQSEvent;

describe('one handler, concurrent invocations (the replay runs a queue\'s batches through one module)', () => {
  it('answers each batch with its own failed records', async () => {
    const handler = wrapGuard(slowGuard);
    const [first, second] = await Promise.all([
      handler(batch([['fail-a1', 5], ['ok-a2', 30]]), context),
      handler(batch([['ok-b1', 10], ['fail-b2', 20], ['fail-b3', 1]]), context),
    ]);
    expect(first.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['fail-a1']);
    expect(second.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['fail-b2', 'fail-b3']);
  });
});
