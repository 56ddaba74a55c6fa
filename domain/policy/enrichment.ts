/**
 * What to fetch before evaluating an event: GetStreamSession, GetParticipant and ListParticipantEvents cost quota,
 * so only what a triggered policy could still need.
 */
import type { EnrichmentNeeds } from '../decision.ts';
import type { GuardEvent } from '../events/types.ts';
import { explain } from './evaluate.ts';
import type { PolicyDocument } from './schema.ts';

/**
 * Whether evaluating `event` needs its stream session, its stage participant or that participant's events: only
 * when a policy the event triggers has a condition that reads it (`sessionEvents`, `ingestExceeds`, `channel`,
 * `participant`, `participantEvents`, a `match` path reading `session` or `participant`, inside `any`/`not` too) —
 * and only if the policy's conditions that read the event alone have not already failed it.
 */
export function enrichmentNeeds(event: GuardEvent, doc: PolicyDocument): EnrichmentNeeds {
  const missing = new Set(explain(event, {}, doc, new Date(event.timeMs)).flatMap((outcome) => (outcome.truth === 'unknown' ? outcome.missing : [])));
  return { session: missing.has('session'), participant: missing.has('participant'), participantEvents: missing.has('participantEvents') };
}
