/**
 * The application's own request to end viewer sessions: detail-type `Viewer Session Revocation
 * Requested`, from a source the deployment chooses (`ivs-guard.moderation` by default). Its pairs have
 * the BatchStartViewerSessionRevocation shape; any number of them (the guard packs them 20 a call).
 */
import { z } from 'zod';
import { IVS_LIMITS } from '../limits.ts';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import { channelArn, describe, optionalText, text, typeError } from './fields.ts';
import { present } from './present.ts';
import { DETAIL_TYPES } from './types.ts';
import type { RevocationRequestEvent, ViewerSessionPair } from './types.ts';

export const DEFAULT_MODERATION_SOURCE = 'ivs-guard.moderation';

/** The API model types the version as `integer` (a Unix time in seconds fits until 2038). */
const VIEWER_SESSION_VERSION_MAX = 2_147_483_647;

const viewerId = () =>
  text().superRefine((value, ctx) => {
    if (value.length < 1 || value.length > IVS_LIMITS.viewerIdMaxLength) {
      ctx.addIssue({ code: 'custom', message: `must be 1 to ${IVS_LIMITS.viewerIdMaxLength} characters, not ${value.length}` });
    }
  });

const viewerSessionVersion = () =>
  z
    .number({ error: typeError('a whole number') })
    .refine((value) => Number.isInteger(value) && value >= 0 && value <= VIEWER_SESSION_VERSION_MAX, {
      error: `must be a whole number from 0 to ${VIEWER_SESSION_VERSION_MAX}`,
    })
    .default(0);

export const viewerSessionPairSchema = z.looseObject({
  channelArn: channelArn(),
  viewerId: viewerId(),
  viewerSessionVersionsLessThanOrEqualTo: viewerSessionVersion(),
}, { error: (issue) => `must be a {channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo} object, not ${describe(issue.input)}` });

export const revocationRequestDetailSchema = z.looseObject({
  viewerSessions: z
    .array(viewerSessionPairSchema, { error: typeError('an array of {channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo}') })
    .min(1, { error: 'must name at least one {channelArn, viewerId} pair' }),
  reason: optionalText(),
});

/** The request's schema for the given source (the deployment's `moderationSource`). */
export function revocationRequestEventSchema(source: string = DEFAULT_MODERATION_SOURCE) {
  return eventBridgeEnvelopeSchema.extend({
    'detail-type': z.literal(DETAIL_TYPES.revocationRequest),
    source: z.literal(source, { error: `must be '${source}' for a ${DETAIL_TYPES.revocationRequest} request` }),
    detail: revocationRequestDetailSchema,
  });
}

export type RevocationRequestInput = z.output<ReturnType<typeof revocationRequestEventSchema>>;

export function toRevocationRequestEvent(parsed: RevocationRequestInput, raw: Record<string, unknown>): RevocationRequestEvent {
  // Only the three API fields travel on: unknown fields of a pair stay in `raw`, never reach IVS.
  const viewerSessions: ViewerSessionPair[] = parsed.detail.viewerSessions.map((pair) => ({
    channelArn: pair.channelArn,
    viewerId: pair.viewerId,
    viewerSessionVersionsLessThanOrEqualTo: pair.viewerSessionVersionsLessThanOrEqualTo,
  }));
  return {
    ...eventBase(parsed, DETAIL_TYPES.revocationRequest, DETAIL_TYPES.revocationRequest, raw),
    kind: 'revocation-request',
    viewerSessions,
    ...present('reason', parsed.detail.reason),
  };
}
