/**
 * The application's own request to disconnect stage participants: detail-type `Participant Disconnect Requested`,
 * from the moderation source (`ivs-guard.moderation` by default, as the revocation request). It names a stage and
 * either the participants (their ids, as DisconnectParticipant takes them) or a user id, whose every participant
 * connected to the stage's session (the active one unless `sessionId` says which) is disconnected.
 */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { withDefined } from '../defined.ts';
import { DISCONNECT_REQUEST_LIMITS, IVS_LIMITS, IVS_PATTERNS } from '../limits.ts';
import { quote } from '../wording.ts';
import { eventBase, eventBridgeEnvelopeSchema } from './envelope.ts';
import type { ParsedEvent } from './envelope.ts';
import { arn, nonEmptyText, text, typeError } from './fields.ts';
import { DETAIL_TYPES } from './names.ts';
import { DEFAULT_MODERATION_SOURCE } from './revocation-request.ts';

const MAX_IDS = DISCONNECT_REQUEST_LIMITS.participantIdsMax;

/** DisconnectParticipant's `participantId` (`ParticipantTokenId`): 1 to 64 letters, digits, '-' or '_'. */
const participantTokenId = () =>
  text().check(
    z.superRefine((value, ctx) => {
      if (value.length === 0 || value.length > IVS_LIMITS.participantIdMaxLength || !IVS_PATTERNS.participantTokenId.test(value)) {
        ctx.addIssue({ code: 'custom', message: `must be a participant id: 1 to ${IVS_LIMITS.participantIdMaxLength} letters, digits, '-' or '_'; got ${quote(value)}` });
      }
    }),
  );

export const disconnectRequestDetailSchema = z
  .looseObject({
    stageArn: arn('stage'),
    participantIds: z.optional(
      z.array(participantTokenId(), { error: typeError('an array of participant ids') }).check(
        z.minLength(1, { error: 'must name at least one participant id (or leave it out and name a userId)' }),
        z.maxLength(MAX_IDS, { error: `names more than ${MAX_IDS} participants: send several requests` }),
      ),
    ),
    userId: z.optional(nonEmptyText(IVS_LIMITS.userIdMaxLength)),
    /** Only with `userId`: the stage session to look in (default: the stage's active session, GetStage). */
    sessionId: z.optional(
      z.string({ error: typeError('a stage session id') }).check(
        z.regex(IVS_PATTERNS.stageSessionId, { error: `must be a stage session id like st-a1b2c3d4e5f6g` }),
        z.length(IVS_LIMITS.stageSessionIdLength, { error: `must be a stage session id of ${IVS_LIMITS.stageSessionIdLength} characters` }),
      ),
    ),
    reason: z.nullish(nonEmptyText(IVS_LIMITS.disconnectReasonMaxLength)),
  })
  .check(
    z.superRefine((detail, ctx) => {
      const ids = detail.participantIds !== undefined;
      const user = detail.userId !== undefined;
      if (!ids && !user) ctx.addIssue({ code: 'custom', path: ['participantIds'], message: 'is required: name the participants to disconnect (participantIds), or a userId' });
      if (ids && user) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'cannot be given with participantIds: name the participants or the user, not both' });
      if (ids && detail.sessionId !== undefined) ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'is only read with a userId: participants are disconnected by id whatever their session' });
    }),
  );

/** The request's schema for the given source (the deployment's `moderationSource`). */
export function disconnectRequestEventSchema(source: string = DEFAULT_MODERATION_SOURCE) {
  const envelope = z.extend(eventBridgeEnvelopeSchema, {
    'detail-type': z.literal(DETAIL_TYPES.disconnectRequest),
    source: z.literal(source, { error: `must be '${source}' for a ${DETAIL_TYPES.disconnectRequest} request` }),
    detail: disconnectRequestDetailSchema,
  });
  return transformed(envelope, (parsed) => {
    const { detail } = parsed;
    return {
      // Like the revocation request, it is named by its detail-type.
      ...eventBase(parsed, DETAIL_TYPES.disconnectRequest, DETAIL_TYPES.disconnectRequest),
      kind: 'disconnect-request' as const,
      stageArn: detail.stageArn,
      ...withDefined({
        // Each id once: disconnecting one twice in one request says nothing more.
        participantIds: detail.participantIds && [...new Set(detail.participantIds)],
        userId: detail.userId,
        sessionId: detail.sessionId,
        reason: detail.reason ?? undefined,
      }),
    };
  });
}
/** The application's `Participant Disconnect Requested`. */
export type DisconnectRequestEvent = ParsedEvent<ReturnType<typeof disconnectRequestEventSchema>>;

