/**
 * Builds one function's Lambda handler: the adapters once per container, then middy with Powertools
 * (logger context, metrics) around Powertools batch processing with partial batch responses.
 */
import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { FUNCTION_ACTIONS } from '../domain/functions.ts';
import type { GuardFunction } from '../domain/functions.ts';
import type { StagePort } from '../domain/ports.ts';
import { makeGuard } from '../domain/pipeline/guard.ts';
import type { Guard } from '../domain/pipeline/guard.ts';
import { auditAdapter } from '../adapters/audit.ts';
import { getDynamoClient, getEventBridgeClient, getIvsClient } from '../adapters/clients.ts';
import { ledgerAdapter } from '../adapters/ledger.ts';
import { ivsAdapter } from '../adapters/ivs.ts';
import { guardLog, guardMetrics, logger, metrics } from '../adapters/observability.ts';
import { readPolicies, readSettings } from './config.ts';
import { emitOutcome } from './outcomes.ts';

/** The deployed handler of one function, over the real AWS adapters. Awaited at the top of each handler module (cold start). */
export async function makeHandler(fn: GuardFunction, extra: { stage?: StagePort } = {}) {
  const settings = readSettings();
  const policies = await readPolicies(settings.policiesPath);
  return wrapGuard(makeGuard({
    ivs: ivsAdapter(getIvsClient()),
    // Only the stage and moderation functions pass a real-time port, so the others' bundles leave that client out.
    stage: extra.stage,
    audit: auditAdapter(getEventBridgeClient(), { busName: settings.auditBusName }),
    planOnly: settings.planOnly,
    // Plan-only runs record and publish nothing: the gate (domain/pipeline/gate.ts) keeps these adapters unused.
    ledger: ledgerAdapter(getDynamoClient(), { tableName: settings.ledgerTable }),
    policies,
    clock: () => new Date(),
    useEventTime: settings.clock === 'event-time',
    allowedActions: FUNCTION_ACTIONS[fn],
    moderationSource: settings.moderationSource,
    leaseSeconds: settings.leaseSeconds,
    log: guardLog(logger),
    metrics: guardMetrics(metrics),
    onOutcome: emitOutcome,
  }));
}

/** middy + Powertools around a guard: one batch scope per invocation, partial batch responses. */
export function wrapGuard(guard: Guard) {
  return middy((event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batch = guard.beginBatch();
    // A processor per invocation: it keeps the batch's records and failures on itself, and the replay runs a
    // queue's concurrent batches through one module, where a shared one answered a batch with another's failures.
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, (record: SQSRecord) => batch.handleRecord(record), processor, { context, throwOnFullBatchFailure: false });
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics(metrics));
}

/**
 * Powertools' `logMetrics` (the cold-start metric, then the invocation's metrics flushed after it, even when it
 * throws), except that an invocation that stored none publishes nothing: `publishStoredMetrics` would print
 * "No application metrics to publish" for each one (every invocation when metrics are disabled, as in a replay).
 */
export function flushMetrics(sink: Metrics): MiddlewareObj<SQSEvent, SQSBatchResponse, Error, Context> {
  const flush = () => {
    if (sink.hasStoredMetrics()) {
      sink.publishStoredMetrics();
    } else {
      sink.clearDimensions();
      sink.clearMetadata();
    }
  };
  return {
    before: (request) => {
      sink.captureColdStartMetric(request.context.functionName);
    },
    after: flush,
    onError: flush,
  };
}
