import { describe, expect, it } from 'vitest';
import type { Action } from '../../domain/actions/index.ts';
import type { GuardEvent } from '../../domain/events/types.ts';
import { bindActions } from '../../domain/policy/bind-actions.ts';
import type { ActionSpec } from '../../domain/policy/index.ts';
import {
  CHANNEL,
  compositionState,
  limitBreach,
  OTHER_CHANNEL,
  pair,
  participantRecording,
  recordingState,
  revocationRequest,
  STAGE,
  stageUpdate,
  streamHealth,
  streamState,
  takeoverFailure,
} from './policy-fixtures.ts';

const decided = { policy: 'stream-key-leak', evidence: ['Stream Takeover Failure on x', '3 failures'] };
const bind = (spec: ActionSpec, event: GuardEvent) => bindActions([spec], event, decided);
const bound = (action: Action) => ({ actions: [action], unbound: [] });
const unbound = (type: ActionSpec['type'], reason: string) => ({ actions: [], unbound: [{ type, reason }] });

describe('binding actions to the targets the event names', () => {
  it.each<[string, ActionSpec, GuardEvent, ReturnType<typeof bindActions>]>([
    ["rotateStreamKey: the event's channel", { type: 'rotateStreamKey' }, takeoverFailure(), bound({ type: 'rotateStreamKey', channelArn: CHANNEL })],
    ["deleteStreamKey: the event's channel", { type: 'deleteStreamKey' }, streamState('Stream Start'), bound({ type: 'deleteStreamKey', channelArn: CHANNEL })],
    ["stopStream: the event's channel", { type: 'stopStream' }, recordingState('Recording Start Failure'), bound({ type: 'stopStream', channelArn: CHANNEL })],
    ['stopStream: a health event names its channel', { type: 'stopStream' }, streamHealth('Starvation Start'), bound({ type: 'stopStream', channelArn: CHANNEL })],
    ['stopStream: a limit breach on a channel', { type: 'stopStream' }, limitBreach('Ingest Bitrate'), bound({ type: 'stopStream', channelArn: CHANNEL })],
    ['stopStream: an account-wide limit breach names no channel', { type: 'stopStream' }, limitBreach('Concurrent Broadcasts', { accountWide: true }), unbound('stopStream', 'event names no channel')],
    ['rotateStreamKey: a stage event names no channel', { type: 'rotateStreamKey' }, stageUpdate('Participant Published'), unbound('rotateStreamKey', 'event names no channel')],
    ['deleteStreamKey: a composition event names no channel', { type: 'deleteStreamKey' }, compositionState('Session Failure'), unbound('deleteStreamKey', 'event names no channel')],
    ["putMetadata: the event's channel, with the text", { type: 'putMetadata', text: 'recording unavailable' }, recordingState('Recording Start Failure'), bound({ type: 'putMetadata', channelArn: CHANNEL, text: 'recording unavailable' })],
    ['putMetadata: a moderation request names no channel', { type: 'putMetadata', text: 'x' }, revocationRequest([pair('v1')]), unbound('putMetadata', 'event names no channel')],
    [
      'revokeViewerSessions: the pairs of the request',
      { type: 'revokeViewerSessions' },
      revocationRequest([pair('v1', 5), pair('v2', 0, OTHER_CHANNEL)]),
      bound({ type: 'revokeViewerSessions', viewerSessions: [pair('v1', 5), pair('v2', 0, OTHER_CHANNEL)] }),
    ],
    [
      'revokeViewerSessions: a stream event carries no viewer sessions',
      { type: 'revokeViewerSessions' },
      takeoverFailure(),
      unbound('revokeViewerSessions', 'event carries no viewer sessions (only a Viewer Session Revocation Requested event does)'),
    ],
    [
      "revokeViewerSessions with viewers: on the event's channel, each version falling back to the list's",
      { type: 'revokeViewerSessions', viewers: [{ viewerId: 'v1' }, { viewerId: 'v2', version: 7 }], version: 1763665800 },
      streamState('Stream Start'),
      bound({ type: 'revokeViewerSessions', viewerSessions: [pair('v1', 1763665800), pair('v2', 7)] }),
    ],
    [
      'revokeViewerSessions with viewers and no version: 0, as the API',
      { type: 'revokeViewerSessions', viewers: [{ viewerId: 'v1' }] },
      streamState('Stream Start'),
      bound({ type: 'revokeViewerSessions', viewerSessions: [pair('v1', 0)] }),
    ],
    [
      'revokeViewerSessions with viewers: an account-wide event names no channel',
      { type: 'revokeViewerSessions', viewers: [{ viewerId: 'v1' }] },
      limitBreach('Concurrent Viewers', { accountWide: true }),
      unbound('revokeViewerSessions', 'event names no channel'),
    ],
    [
      'disconnectParticipant: the stage and participant of a stage update, with the reason',
      { type: 'disconnectParticipant', reason: 'policy violation' },
      stageUpdate('Participant Published'),
      bound({ type: 'disconnectParticipant', stageArn: STAGE, participantId: 'abCDEf12GHIj', reason: 'policy violation' }),
    ],
    [
      'disconnectParticipant: a participant recording event, no reason',
      { type: 'disconnectParticipant' },
      participantRecording('Recording Start Failure'),
      bound({ type: 'disconnectParticipant', stageArn: STAGE, participantId: 'abCDEf12GHIj' }),
    ],
    ['disconnectParticipant: a stage event without a participant', { type: 'disconnectParticipant' }, stageUpdate('Participant Published', { participantId: null }), unbound('disconnectParticipant', 'event names no stage participant')],
    ['disconnectParticipant: a channel event names no participant', { type: 'disconnectParticipant' }, takeoverFailure(), unbound('disconnectParticipant', 'event names no stage participant')],
    [
      'notify: the policy name and its evidence, whatever the event',
      { type: 'notify', severity: 'critical' },
      limitBreach('Concurrent Broadcasts', { accountWide: true }),
      bound({ type: 'notify', severity: 'critical', message: 'stream-key-leak: Stream Takeover Failure on x; 3 failures' }),
    ],
  ])('%s', (_, spec, event, expected) => {
    expect(bind(spec, event)).toEqual(expected);
  });

  it('keeps the order of then, with the unbound ones apart', () => {
    const specs: ActionSpec[] = [{ type: 'rotateStreamKey' }, { type: 'disconnectParticipant' }, { type: 'stopStream' }, { type: 'notify', severity: 'info' }];

    const result = bindActions(specs, takeoverFailure(), decided);

    expect(result.actions.map((a) => a.type)).toEqual(['rotateStreamKey', 'stopStream', 'notify']);
    expect(result.unbound).toEqual([{ type: 'disconnectParticipant', reason: 'event names no stage participant' }]);
  });

  it("copies the request's pairs: a later change to the event does not change the action", () => {
    const request = revocationRequest([pair('v1')]);
    const result = bind({ type: 'revokeViewerSessions' }, request);
    request.viewerSessions[0]!.viewerId = 'changed';
    expect(result.actions).toEqual([{ type: 'revokeViewerSessions', viewerSessions: [pair('v1')] }]);
  });
});
