import middy from '@middy/core';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { flushMetrics } from '../../handlers/make-handler.ts';

const context = { functionName: 'ivs-guard-test-stream', awsRequestId: 'req-1' } as unknown as Context;
const EMPTY_WARNING = /No application metrics to publish/;

/** A Metrics sink whose own warnings are collected. */
function sink() {
  const warnings: string[] = [];
  const log = { debug: vi.fn(), info: vi.fn(), error: vi.fn(), warn: (message: string) => warnings.push(message) };
  const metrics = new Metrics({ namespace: 'IvsGuardTest', serviceName: 'ivs-guard-test', logger: log });
  return { metrics, warnings };
}

/** A handler that stores `count` metrics, then answers or (`fail`) throws. */
function handlerOver(metrics: Metrics, middleware: middy.MiddlewareObj<SQSEvent, SQSBatchResponse, Error, Context>, count: number, fail = false) {
  return middy((): Promise<SQSBatchResponse> => {
    for (let i = 0; i < count; i += 1) metrics.addMetric('EventsProcessed', MetricUnit.Count, 1);
    return fail ? Promise.reject(new Error('the batch failed')) : Promise.resolve({ batchItemFailures: [] });
  }).use(middleware);
}

describe('the handler metrics flush', () => {
  it.each([
    ["Powertools' logMetrics (the reference: it warns)", (m: Metrics) => logMetrics(m) as middy.MiddlewareObj<SQSEvent, SQSBatchResponse, Error, Context>, 1],
    ['flushMetrics', (m: Metrics) => flushMetrics(m), 0],
  ])('%s: an invocation that stored no metric warns %i times', async (_, middleware, expected) => {
    const { metrics, warnings } = sink();
    await handlerOver(metrics, middleware(metrics), 0)({ Records: [] }, context);
    expect(warnings.filter((w) => EMPTY_WARNING.test(w))).toHaveLength(expected);
  });

  it.each([
    ['after the handler answers', false],
    ['after the handler throws', true],
  ])('publishes the stored metrics once, and clears them, %s', async (_, fail) => {
    const { metrics, warnings } = sink();
    const publish = vi.spyOn(metrics, 'publishStoredMetrics');
    const run = handlerOver(metrics, flushMetrics(metrics), 2, fail)({ Records: [] }, context);
    if (fail) await expect(run).rejects.toThrow('the batch failed');
    else await run;
    expect(publish).toHaveBeenCalledTimes(1);
    expect(metrics.hasStoredMetrics()).toBe(false);
    expect(warnings).toEqual([]);
  });
});
