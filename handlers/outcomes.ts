/**
 * Where a record's outcome can be watched from outside the handler. In Lambda nobody watches;
 * the local replay subscribes to show what the guard decided and why, without changing the path.
 */
import type { FailedOutcome, RecordOutcome } from '../domain/pipeline/guard.ts';

export type OutcomeListener = (messageId: string, outcome: RecordOutcome | FailedOutcome) => void;

const listeners = new Set<OutcomeListener>();

export function subscribeOutcomes(listener: OutcomeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitOutcome(messageId: string, outcome: RecordOutcome | FailedOutcome): void {
  for (const listener of listeners) listener(messageId, outcome);
}
