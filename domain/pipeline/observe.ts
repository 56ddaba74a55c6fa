/**
 * How the pipeline reports what it does, without knowing about Powertools:
 * the handlers pass an adapter over the Powertools Logger and Metrics.
 */

/** Correlation keys carried by every log line about one event. */
export interface CorrelationKeys {
  eventId?: string;
  messageId?: string;
  channelArn?: string;
  streamId?: string;
  policy?: string;
}

export type LogFields = CorrelationKeys & Record<string, unknown>;

export interface GuardLog {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface GuardMetrics {
  count(name: MetricName, value?: number): void;
}

export type MetricName =
  | 'EventsProcessed'
  | 'EventsRejected'
  | 'EventsFailed'
  | 'Decisions'
  | 'ActionsApplied'
  | 'ActionsPlanned'
  | 'ActionsSkipped'
  | 'ActionsFailed'
  | 'SessionLookups';

export const silentLog: GuardLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
export const noMetrics: GuardMetrics = { count: () => undefined };
