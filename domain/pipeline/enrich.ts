/**
 * The enrich step: what the policies need to know beyond the event — the stream session (GetStreamSession),
 * the stage participant (GetParticipant) and its events (ListParticipantEvents) — fetched once per batch, and only
 * when a policy that could match the event needs it.
 */
import { withDefined } from '../defined.ts';
import { channelOf, streamOf } from '../events/types.ts';
import type { GuardEvent } from '../events/types.ts';
import { enrichmentNeeds } from '../policy/index.ts';
import type { EvaluationContext } from '../policy/index.ts';
import type { RunContext } from './run-context.ts';

/**
 * The evaluation context of `event`.
 *
 * @example
 * const context = await enrich(event, run); // { session?, participant?, participantEvents? }
 */
export async function enrich(event: GuardEvent, run: RunContext): Promise<EvaluationContext> {
  const needs = enrichmentNeeds(event, run.config.policies);
  const channelArn = channelOf(event);
  const session = needs.session && channelArn ? await run.scope.session(channelArn, streamOf(event)) : undefined;
  const named = (event.kind === 'stage-update' || event.kind === 'participant-recording') && event.participantId ? event : undefined;
  const [participant, participantEvents] = await Promise.all([
    needs.participant && named ? run.scope.participant(named.stageArn, named.sessionId, named.participantId ?? '') : undefined,
    needs.participantEvents && named ? run.scope.participantEvents(named.stageArn, named.sessionId, named.participantId ?? '') : undefined,
  ]);
  return withDefined({ session, participant, participantEvents });
}
