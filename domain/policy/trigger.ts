/**
 * A policy's `on`: whether an event triggers it. Every key the trigger gives must match.
 */
import type { GuardEvent } from '../events/types.ts';
import type { Trigger } from './schema.ts';

/** Whether `event` triggers a policy with this `on` (detail-type, event name and source, each when given). */
export function triggers(on: Trigger, event: GuardEvent): boolean {
  if (on.detailType !== undefined && on.detailType !== event.detailType) return false;
  if (on.names !== undefined && !on.names.includes(event.name)) return false;
  if (on.source !== undefined && on.source !== event.source) return false;
  return true;
}
