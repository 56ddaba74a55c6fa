/**
 * The one Logger and Metrics of a container (Powertools). Everything logs through these.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { GuardLog, GuardMetrics } from '../domain/ports.ts';
import { redactDeep } from './redact.ts';

export const SERVICE_NAME = 'ivs-guard';

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'IvsGuard' });

/**
 * The pipeline's logging port over the Powertools Logger: correlation keys go on every line, and every
 * field passes through the redactor — a rejected event may quote what it was sent, and what it was
 * sent may hold a stream key or a token.
 */
export function guardLog(log: Logger = logger): GuardLog {
  return {
    debug: (message, fields) => log.debug(message, redactDeep({ ...fields })),
    info: (message, fields) => log.info(message, redactDeep({ ...fields })),
    warn: (message, fields) => log.warn(message, redactDeep({ ...fields })),
    error: (message, fields) => log.error(message, redactDeep({ ...fields })),
  };
}

/** The pipeline's metrics port over Powertools Metrics. */
export function guardMetrics(sink: Metrics = metrics): GuardMetrics {
  return { count: (name, value = 1) => sink.addMetric(name, MetricUnit.Count, value) };
}
