/**
 * The one Logger and Metrics of a container (Powertools). Everything logs through these.
 */
import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { GuardLog, GuardMetrics } from '../domain/ports.ts';
import { redactDeep } from './redact.ts';

export const SERVICE_NAME = 'ivs-guard';

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ serviceName: SERVICE_NAME, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'IvsGuard' });

/**
 * The pipeline's logging port over the Powertools Logger: correlation keys go on every line, and every
 * field passes through the redactor — a rejected event may quote what it was sent, and what it was
 * sent may hold a stream key or a token. A line below the logger's current level (which can change per
 * invocation) is neither redacted nor handed over: Powertools would drop it, after the copy was made.
 * (The container's logger buffers nothing, so a dropped line is gone either way.)
 */
export function guardLog(log: Logger = logger): GuardLog {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error', threshold: number): GuardLog['info'] =>
    (message, fields) => {
      if (log.level > threshold) return;
      log[level](message, redactDeep({ ...fields }));
    };
  return {
    debug: line('debug', LogLevelThreshold.DEBUG),
    info: line('info', LogLevelThreshold.INFO),
    warn: line('warn', LogLevelThreshold.WARN),
    error: line('error', LogLevelThreshold.ERROR),
  };
}

/** The pipeline's metrics port over Powertools Metrics. */
export function guardMetrics(sink: Metrics = metrics): GuardMetrics {
  return { count: (name, value = 1) => sink.addMetric(name, MetricUnit.Count, value) };
}
