/**
 * The deployed handlers, unchanged, with their real IVS real-time clients talking HTTP to the emulator:
 * - the stage handler counts a participant's publish errors (ListParticipantEvents) and warns on the third
 *   within a minute (shipped policy repeated-publish-errors);
 * - the moderation handler takes the application's Participant Disconnect Requested, by participant ids or by user
 *   id (GetStage, ListParticipants), acts once on a redelivery, and leaves a protected stage alone.
 *
 * The publish-error and by-user tests need the emulator's ListParticipantEvents, GetStage and ListParticipants.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import type { Emulator } from '../../local/emulator/index.ts';
import type { WorldFile } from '../../local/emulator/world-file.ts';
import { eventFromSample } from '../../local/event-builders.ts';
import { sqsBatch } from '../fakes/events.ts';
import { handlersOnEmulator } from './handlers-on-emulator.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/RequestStage1';
const KEYNOTE = 'arn:aws:ivs:us-west-2:123456789012:stage/keynoteStage1';
const SESSION = 'st-RequestStage1';
const WORLD: WorldFile = {
  stages: [
    {
      arn: STAGE,
      name: 'request-stage',
      activeSessionId: SESSION,
      participants: [
        { sessionId: SESSION, participantId: 'hostPart0001', userId: 'host-1', state: 'CONNECTED', attributes: { canPublish: 'true' } },
        { sessionId: SESSION, participantId: 'viewerTab001', userId: 'viewer-7', state: 'CONNECTED', attributes: { role: 'viewer' } },
        { sessionId: SESSION, participantId: 'viewerTab002', userId: 'viewer-7', state: 'CONNECTED', attributes: { role: 'viewer' } },
        { sessionId: SESSION, participantId: 'flakyPart001', userId: 'guest-3', state: 'CONNECTED', attributes: { canPublish: 'true' } },
        { sessionId: SESSION, participantId: 'byIdPart0001', userId: 'guest-4', state: 'CONNECTED', attributes: {} },
      ],
    },
    { arn: KEYNOTE, name: 'keynote', activeSessionId: 'st-KeynoteStage1', participants: [{ sessionId: 'st-KeynoteStage1', participantId: 'speaker00001', userId: 'speaker-1', state: 'CONNECTED' }] },
  ],
};
const context = { functionName: 'ivs-guard-it-stage-requests', awsRequestId: 'it-stage-requests-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

let sequence = 0;
const nextId = () => `4c0f0e11-0000-4000-8000-${String((sequence += 1)).padStart(12, '0')}`;
const publishError = (time: string) =>
  eventFromSample('stage/participant-publish-error', {
    id: nextId(),
    time,
    resources: [STAGE],
    detail: { session_id: SESSION, participant_id: 'flakyPart001', user_id: 'guest-3', event_time: time, error_code: 'BITRATE_EXCEEDED' },
  });
const disconnectRequest = (detail: Record<string, unknown>) => eventFromSample('moderation/participant-disconnect-requested', { id: nextId(), detail });
const decisionsOf = (emulator: Emulator) =>
  emulator.published.map((e) => JSON.parse(e.Detail) as { policy: string; eventId: string; evidence: string[]; actions: Array<{ type: string; status: string; target: string; reason?: string }> });
const stateOf = (emulator: Emulator, participantId: string) => emulator.world.stages.get(STAGE)?.participants.find((p) => p.participantId === participantId)?.state;

describe('stage requests against the emulator', () => {
  const guard = handlersOnEmulator(WORLD, async () => ({
    stage: (await import('../../handlers/stage.ts')).handler,
    moderation: (await import('../../handlers/moderation.ts')).handler,
  }));

  it('the stage handler warns on the third publish error within a minute, and only then', async () => {
    const events = [publishError('2026-11-20T23:10:00Z'), publishError('2026-11-20T23:10:20Z'), publishError('2026-11-20T23:10:40Z')];
    for (const event of events) {
      applyIvsEvent(guard.emulator.world, event);
      expect(await guard.stage(sqsBatch([event]), context)).toEqual({ batchItemFailures: [] });
    }

    expect(guard.emulator.calls.counts()).toMatchObject({ ListParticipantEvents: 3 });
    expect(guard.emulator.calls.counts().GetParticipant ?? 0).toBe(0);
    const warnings = decisionsOf(guard.emulator).filter((d) => d.policy === 'repeated-publish-errors');
    expect(warnings.map((d) => [d.eventId, d.evidence.at(-1), d.actions.map((a) => `${a.type}:${a.status}`)])).toEqual([
      [events[2]?.id, 'participant flakyPart001: 3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)', ['notify:applied']],
    ]);
    expect(stateOf(guard.emulator, 'flakyPart001')).toBe('CONNECTED');
  });

  it('the moderation handler disconnects the participants a request names, once even when the request comes twice', async () => {
    const request = disconnectRequest({ stageArn: STAGE, participantIds: ['byIdPart0001'] });
    expect(await guard.moderation(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });
    expect(await guard.moderation(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });

    expect(stateOf(guard.emulator, 'byIdPart0001')).toBe('DISCONNECTED');
    expect(guard.emulator.world.actions.filter((a) => a.operation === 'DisconnectParticipant')).toHaveLength(1);
    const decisions = decisionsOf(guard.emulator).filter((d) => d.eventId === request.id);
    expect(decisions.map((d) => [d.policy, d.actions.map((a) => [a.status, a.target, a.reason])])).toEqual([
      ['moderation-disconnect', [['applied', `${STAGE}#byIdPart0001`, 'participant byIdPart0001 disconnected']]],
    ]);
  });

  it('by user id: both of the user\'s connected participants are disconnected, nobody else', async () => {
    const before = guard.emulator.calls.counts();
    const request = eventFromSample('moderation/participant-disconnect-requested-by-user', { id: nextId(), detail: { stageArn: STAGE, userId: 'viewer-7' } });

    expect(await guard.moderation(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });

    const after = guard.emulator.calls.counts();
    expect((after.GetStage ?? 0) - (before.GetStage ?? 0)).toBe(1);
    expect((after.ListParticipants ?? 0) - (before.ListParticipants ?? 0)).toBe(1);
    expect(['viewerTab001', 'viewerTab002', 'hostPart0001'].map((id) => stateOf(guard.emulator, id))).toEqual(['DISCONNECTED', 'DISCONNECTED', 'CONNECTED']);
    expect(decisionsOf(guard.emulator).filter((d) => d.eventId === request.id).flatMap((d) => d.actions.map((a) => a.reason))).toEqual([
      'user viewer-7: disconnected 2 participants (viewerTab001, viewerTab002)',
    ]);
  });

  it('a request on a protected stage disconnects nobody, and says why', async () => {
    const request = disconnectRequest({ stageArn: KEYNOTE, participantIds: ['speaker00001'] });
    expect(await guard.moderation(sqsBatch([request]), context)).toEqual({ batchItemFailures: [] });

    expect(guard.emulator.world.stages.get(KEYNOTE)?.participants[0]?.state).toBe('CONNECTED');
    expect(decisionsOf(guard.emulator).filter((d) => d.eventId === request.id).flatMap((d) => d.actions.map((a) => [a.status, a.reason]))).toEqual([
      ['skipped', "protected stage: ARN matches 'arn:aws:ivs:*:*:stage/keynote*'"],
    ]);
  });
});
