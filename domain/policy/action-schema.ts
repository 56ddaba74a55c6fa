/**
 * The `then` list of a policy: each item is an action name (`stopStream`) or a mapping with one action and its
 * parameters (`{putMetadata: {text: …}}`). Both read into an `ActionSpec`: the action before it is bound to a target.
 */
import { z } from 'zod';
import type { Severity } from '../actions.ts';
import { IVS_LIMITS } from '../limits.ts';
import { closedObject, expectedMessage, singleKeyObject, wholeNumber } from './schema-parts.ts';
import { DISCONNECT_REASON_MAX_LENGTH, quoteWithHint } from './vocabulary.ts';

/** Actions that can be written by name alone. */
const BARE_ACTIONS = ['rotateStreamKey', 'deleteStreamKey', 'stopStream', 'revokeViewerSessions', 'disconnectParticipant'] as const;
/** Actions that need parameters, with how to write them. */
const PARAMETRISED_ACTIONS: Readonly<Record<string, string>> = {
  putMetadata: '{ putMetadata: { text: "…" } }',
  notify: '{ notify: { severity: info | warning | critical } }',
};
const ALL_ACTION_NAMES = [...BARE_ACTIONS, ...Object.keys(PARAMETRISED_ACTIONS)];

/** The API model types a viewer-session version as an integer ≥ 0; a Unix time in seconds fits. */
const VIEWER_SESSION_VERSION_MAX = 2_147_483_647;
const viewerSessionVersion = wholeNumber(0).max(VIEWER_SESSION_VERSION_MAX, { error: `expected a whole number ≤ ${VIEWER_SESSION_VERSION_MAX}` });

const bareActionSchema = z.enum(BARE_ACTIONS, {
  error: (issue) => {
    if (typeof issue.input !== 'string') return expectedMessage('an action', issue.input);
    const how = PARAMETRISED_ACTIONS[issue.input];
    if (how !== undefined) return `${issue.input} needs parameters: write ${how}`;
    return `unknown action ${quoteWithHint(issue.input, ALL_ACTION_NAMES)}; actions: ${ALL_ACTION_NAMES.join(', ')}`;
  },
});

const viewerSchema = closedObject(
  {
    viewerId: z
      .string({ error: (issue) => expectedMessage('a viewer id', issue.input) })
      .min(1, { error: 'expected a viewer id of 1 to 40 characters' })
      .max(IVS_LIMITS.viewerIdMaxLength, { error: `expected a viewer id of 1 to ${IVS_LIMITS.viewerIdMaxLength} characters` }),
    version: viewerSessionVersion.optional().describe("Overrides the list's version for this viewer."),
  },
  'a viewer {viewerId, version?}',
);

const metadataText = z
  .string({ error: (issue) => expectedMessage('text', issue.input) })
  .min(1, { error: 'expected some text' })
  .refine((text) => new TextEncoder().encode(text).length <= IVS_LIMITS.metadataMaxBytes, {
    error: `must be at most ${IVS_LIMITS.metadataMaxBytes} bytes in UTF-8 (PutMetadata's limit)`,
  });

const actionWithParameters = singleKeyObject(
  {
    revokeViewerSessions: closedObject(
      {
        viewers: z.array(viewerSchema).min(1),
        version: viewerSessionVersion
          .optional()
          .describe('Revoke sessions whose aws:viewer-session-version is ≤ this (default 0, as the API: only tokens without a version).'),
      },
      'revokeViewerSessions {viewers, version?}',
    )
      .optional()
      .describe("Revokes these viewers' sessions on the triggering event's channel."),
    putMetadata: closedObject({ text: metadataText }, 'putMetadata {text}').optional().describe("Inserts timed metadata into the channel's stream."),
    disconnectParticipant: closedObject(
      { reason: z.string().max(DISCONNECT_REASON_MAX_LENGTH, { error: `must be at most ${DISCONNECT_REASON_MAX_LENGTH} characters` }).optional() },
      'disconnectParticipant {reason?}',
    )
      .optional()
      .describe('Disconnects the stage participant the event names.'),
    notify: closedObject(
      { severity: z.enum(['info', 'warning', 'critical'], { error: (issue) => expectedMessage('info, warning or critical', issue.input) }) },
      'notify {severity}',
    )
      .optional()
      .describe('Only records and publishes the decision (audit).'),
  },
  'action',
  `an action without parameters is written by name alone (${BARE_ACTIONS.join(', ')}); with parameters: revokeViewerSessions, putMetadata, disconnectParticipant, notify`,
).meta({ minProperties: 1, maxProperties: 1 });

/** An action of `then`, before it is bound to the target the triggering event names. */
export type ActionSpec =
  | { type: 'rotateStreamKey' }
  | { type: 'deleteStreamKey' }
  | { type: 'stopStream' }
  | { type: 'revokeViewerSessions'; viewers?: Array<{ viewerId: string; version?: number | undefined }>; version?: number | undefined }
  | { type: 'putMetadata'; text: string }
  | { type: 'disconnectParticipant'; reason?: string | undefined }
  | { type: 'notify'; severity: Severity };

/** One `then` item: an action name, or a mapping with one action and its parameters. */
export const actionSchema = z
  .union([bareActionSchema.transform((type): ActionSpec => ({ type })), actionWithParameters.transform(toActionSpec)])
  .describe('rotateStreamKey | deleteStreamKey | stopStream | revokeViewerSessions | disconnectParticipant, or a mapping with parameters.');

function toActionSpec(item: z.output<typeof actionWithParameters>, ctx: z.RefinementCtx): ActionSpec {
  if (item.revokeViewerSessions !== undefined) return { type: 'revokeViewerSessions', ...item.revokeViewerSessions };
  if (item.putMetadata !== undefined) return { type: 'putMetadata', text: item.putMetadata.text };
  if (item.disconnectParticipant !== undefined) return { type: 'disconnectParticipant', ...item.disconnectParticipant };
  if (item.notify !== undefined) return { type: 'notify', severity: item.notify.severity };
  // Reached only for an item of nothing but unknown keys, which zod reported already (it still runs transforms then).
  if (ctx.issues.length === 0) ctx.addIssue({ code: 'custom', input: item, message: 'expected an action' });
  return z.NEVER;
}
