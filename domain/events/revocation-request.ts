/**
 * The application's own request to end viewer sessions: detail-type `Viewer Session Revocation
 * Requested`, from a source the deployment chooses (`ivs-guard.moderation` by default). Its pairs have
 * the BatchStartViewerSessionRevocation shape; any number of them (the guard packs them 20 a call).
 */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { withDefined } from '../defined.ts';
import { IVS_LIMITS } from '../limits.ts';
import { describeValue } from '../wording.ts';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import type { ParsedEvent } from './envelope.ts';
import { channelArn, optionalText, text, typeError } from './fields.ts';
import { DETAIL_TYPES } from './names.ts';

export const DEFAULT_MODERATION_SOURCE = 'ivs-guard.moderation';

const viewerId = () =>
  text().check(
    z.superRefine((value, ctx) => {
      if (value.length < 1 || value.length > IVS_LIMITS.viewerIdMaxLength) {
        ctx.addIssue({ code: 'custom', message: `must be 1 to ${IVS_LIMITS.viewerIdMaxLength} characters, not ${value.length}` });
      }
    }),
  );

const viewerSessionVersion = () =>
  z._default(
    z.number({ error: typeError('a whole number') }).check(
      z.refine((value) => Number.isInteger(value) && value >= 0 && value <= IVS_LIMITS.viewerSessionVersionMax, {
        error: `must be a whole number from 0 to ${IVS_LIMITS.viewerSessionVersionMax}`,
      }),
    ),
    0,
  );

/**
 * A `{channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo}` pair, as BatchStartViewerSessionRevocation
 * takes it. Only the three API fields travel on: unknown fields of a pair stay in `raw`, never reach IVS.
 */
export const viewerSessionPairSchema = transformed(
  z.looseObject({
    channelArn: channelArn(),
    viewerId: viewerId(),
    viewerSessionVersionsLessThanOrEqualTo: viewerSessionVersion(),
  }, { error: (issue) => `must be a {channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo} object, not ${describeValue(issue.input)}` }),
  (pair) => ({ channelArn: pair.channelArn, viewerId: pair.viewerId, viewerSessionVersionsLessThanOrEqualTo: pair.viewerSessionVersionsLessThanOrEqualTo }),
);
export type ViewerSessionPair = z.output<typeof viewerSessionPairSchema>;

export const revocationRequestDetailSchema = z.looseObject({
  viewerSessions: z
    .array(viewerSessionPairSchema, { error: typeError('an array of {channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo}') })
    .check(z.minLength(1, { error: 'must name at least one {channelArn, viewerId} pair' })),
  reason: optionalText(),
});

/** The request's schema for the given source (the deployment's `moderationSource`). */
export function revocationRequestEventSchema(source: string = DEFAULT_MODERATION_SOURCE) {
  const envelope = z.extend(eventBridgeEnvelopeSchema, {
    'detail-type': z.literal(DETAIL_TYPES.revocationRequest),
    source: z.literal(source, { error: `must be '${source}' for a ${DETAIL_TYPES.revocationRequest} request` }),
    detail: revocationRequestDetailSchema,
  });
  return transformed(envelope, (parsed) => ({
    // The application's own request has no event name of its own: it is named by its detail-type.
    ...eventBase(parsed, DETAIL_TYPES.revocationRequest, DETAIL_TYPES.revocationRequest),
    kind: 'revocation-request' as const,
    viewerSessions: parsed.detail.viewerSessions,
    ...withDefined({ reason: parsed.detail.reason }),
  }));
}
/** The application's `Viewer Session Revocation Requested`. */
export type RevocationRequestEvent = ParsedEvent<ReturnType<typeof revocationRequestEventSchema>>;
