/**
 * `revokeViewerSessions`: BatchStartViewerSessionRevocation for the pairs of a moderation request, or, written
 * `{viewers: [...], version?}`, for the listed viewers on the triggering event's channel.
 */
import * as z from 'zod/mini';
import { described, transformed } from '../zod.ts';
import { DETAIL_TYPES } from '../events/types.ts';
import type { ViewerSessionPair } from '../events/types.ts';
import { finalError, transientError } from '../errors.ts';
import { IVS_LIMITS } from '../limits.ts';
import { closedObject, expectedMessage, wholeNumber } from '../policy/schema-parts.ts';
import { defineAction, NO_CHANNEL } from './action.ts';

/** The API model types a viewer-session version as an integer ≥ 0; a Unix time in seconds fits. */
const viewerSessionVersion = wholeNumber(0).check(z.lte(IVS_LIMITS.viewerSessionVersionMax, { error: `expected a whole number ≤ ${IVS_LIMITS.viewerSessionVersionMax}` }));

const viewerSchema = closedObject(
  {
    viewerId: z
      .string({ error: (issue) => expectedMessage('a viewer id', issue.input) })
      .check(
        z.minLength(1, { error: `expected a viewer id of 1 to ${IVS_LIMITS.viewerIdMaxLength} characters` }),
        z.maxLength(IVS_LIMITS.viewerIdMaxLength, { error: `expected a viewer id of 1 to ${IVS_LIMITS.viewerIdMaxLength} characters` }),
      ),
    version: described(z.optional(viewerSessionVersion), "Overrides the list's version for this viewer."),
  },
  'a viewer {viewerId, version?}',
);

/** As a policy writes it: by name (the request's pairs), or with the viewers to revoke. */
export interface RevokeViewerSessionsSpec {
  type: 'revokeViewerSessions';
  viewers?: Array<{ viewerId: string; version?: number | undefined }>;
  version?: number | undefined;
}

const parameters = transformed(
  closedObject(
    {
      viewers: z.array(viewerSchema).check(z.minLength(1)),
      version: described(
        z.optional(viewerSessionVersion),
        'Revoke sessions whose aws:viewer-session-version is ≤ this (default 0, as the API: only tokens without a version).',
      ),
    },
    'revokeViewerSessions {viewers, version?}',
  ),
  (given): RevokeViewerSessionsSpec => ({ type: 'revokeViewerSessions', ...given }),
);

export const revokeViewerSessions = defineAction({
  type: 'revokeViewerSessions',
  summary: "Revokes these viewers' sessions on the triggering event's channel.",
  policy: { byName: true, parameters: { schema: parameters, howToWrite: '{ revokeViewerSessions: { viewers: [{ viewerId: "…" }] } }' } },
  bind(spec: RevokeViewerSessionsSpec, { event, channelArn }) {
    if (spec.viewers !== undefined) {
      if (channelArn === undefined) return NO_CHANNEL;
      const viewerSessions = spec.viewers.map((viewer) => ({
        channelArn,
        viewerId: viewer.viewerId,
        viewerSessionVersionsLessThanOrEqualTo: viewer.version ?? spec.version ?? 0,
      }));
      return { type: 'revokeViewerSessions' as const, viewerSessions };
    }
    if (event.kind !== 'revocation-request') return `event carries no viewer sessions (only a ${DETAIL_TYPES.revocationRequest} event does)`;
    if (event.viewerSessions.length === 0) return 'the request names no viewer sessions';
    return { type: 'revokeViewerSessions' as const, viewerSessions: event.viewerSessions.map((pair): ViewerSessionPair => ({ ...pair })) };
  },
  target: (action) => channelsOfPairs(action.viewerSessions).sort().join(','),
  channels: (action) => channelsOfPairs(action.viewerSessions),
  // Revocations keep their pairs on channels that are not protected.
  narrow(action, isProtected) {
    const viewerSessions = action.viewerSessions.filter((pair) => !isProtected(pair.channelArn));
    return viewerSessions.length > 0 ? { ...action, viewerSessions } : undefined;
  },
  // The cooldown is per viewer, not per channel: revoking bob is not revoking alice again.
  sameActionDetail: (action) =>
    action.viewerSessions
      .map((pair) => `${pair.channelArn}/${pair.viewerId}/${pair.viewerSessionVersionsLessThanOrEqualTo}`)
      .sort()
      .join(','),
  reserves: true,
  operations: ['BatchStartViewerSessionRevocation'],
  functions: ['stream', 'recording', 'moderation'],
  async run(action, { ivs, attempt }) {
    const { revoked, failed, resent } = await ivs.revokeViewerSessions(action.viewerSessions);
    const again = attempt?.takenOver
      ? ' (sent again after an attempt that did not finish: re-sending the same pairs is harmless)'
      : resent
        ? ` (${resent} pair(s) sent again after an answer was lost: re-sending the same pairs is harmless)`
        : '';
    if (failed.length === 0) return `revoked ${revoked} viewer session pair(s)${again}`;
    const detail = failed.map((f) => `${f.pair.viewerId}: ${f.code}`).join(', ');
    const message = `revoked ${revoked} pair(s); ${failed.length} failed: ${detail}`;
    // Revocation is idempotent: retrying the whole record is safe when any failure may pass.
    throw failed.some((f) => f.retryable) ? transientError(message, 'PartialRevocationFailure') : finalError(message, 'PartialRevocationFailure');
  },
  redelivery: { repeatable: true, once: 'repeat-harmless', why: 'revoking a revoked session again changes nothing: re-sending the same pairs is harmless, and the row says so' },
});

/** The channels of the pairs, each once, in the order they first appear. */
function channelsOfPairs(pairs: readonly ViewerSessionPair[]): string[] {
  return [...new Set(pairs.map((pair) => pair.channelArn))];
}
