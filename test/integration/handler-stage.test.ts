/**
 * The deployed stage handler, unchanged, with its real IVS real-time client talking HTTP to the emulator: the
 * shipped unauthorised-publisher policy reads each participant once per batch and disconnects only the one whose
 * token does not allow publishing.
 */
import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import type { WorldFile } from '../../local/emulator/world-file.ts';
import { sqsBatch } from '../fakes/events.ts';
import { handlersOnEmulator } from './handlers-on-emulator.ts';

const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/HandlerStage1';
const SESSION = 'st-HandlerStage1';
const WORLD: WorldFile = {
  stages: [
    {
      arn: STAGE,
      name: 'handler-stage',
      activeSessionId: SESSION,
      participants: [
        { sessionId: SESSION, participantId: 'hostPart0001', userId: 'host-1', state: 'CONNECTED', attributes: { canPublish: 'true' } },
        { sessionId: SESSION, participantId: 'viewerPart01', userId: 'viewer-1', state: 'CONNECTED', attributes: { role: 'viewer' } },
      ],
    },
  ],
};
const context = { functionName: 'ivs-guard-it-stage', awsRequestId: 'it-stage-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

let sequence = 0;
function stageUpdate(name: string, participantId: string, userId: string, time: string): Record<string, unknown> {
  sequence += 1;
  return {
    version: '0',
    id: `0b7e1d2c-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    'detail-type': 'IVS Stage Update',
    source: 'aws.ivs',
    account: '123456789012',
    time,
    region: 'us-west-2',
    resources: [STAGE],
    detail: { session_id: SESSION, event_name: name, participant_id: participantId, user_id: userId, event_time: time },
  };
}

const firstViewerPublish = stageUpdate('Participant Published', 'viewerPart01', 'viewer-1', '2026-11-20T23:01:00Z');

describe('the stage handler against the emulator', () => {
  const guard = handlersOnEmulator(WORLD, async () => ({ stage: (await import('../../handlers/stage.ts')).handler }));

  it('disconnects the viewer who publishes, leaves the host alone, and reads each participant once for the batch', async () => {
    const events = [
      stageUpdate('Participant Published', 'hostPart0001', 'host-1', '2026-11-20T23:00:00Z'),
      firstViewerPublish,
      stageUpdate('Participant Published', 'hostPart0001', 'host-1', '2026-11-20T23:01:30Z'),
      stageUpdate('Participant Unpublished', 'viewerPart01', 'viewer-1', '2026-11-20T23:01:40Z'),
    ];
    for (const event of events) applyIvsEvent(guard.emulator.world, event);

    const response = await guard.stage(sqsBatch(events), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(guard.emulator.calls.counts()).toMatchObject({ GetParticipant: 2, DisconnectParticipant: 1 });
    expect(guard.emulator.world.actions.map((a) => [a.operation, a.target])).toEqual([['DisconnectParticipant', STAGE]]);
    const participants = guard.emulator.world.stages.get(STAGE)!.participants;
    expect(participants.map((p) => [p.participantId, p.state])).toEqual([
      ['hostPart0001', 'CONNECTED'],
      ['viewerPart01', 'DISCONNECTED'],
    ]);

    const decisions = guard.emulator.published.map((e) => JSON.parse(e.Detail) as { policy: string; actions: Array<{ type: string; status: string; target: string }> });
    expect(decisions).toEqual([
      expect.objectContaining({ policy: 'unauthorised-publisher', actions: [expect.objectContaining({ type: 'disconnectParticipant', status: 'applied', target: `${STAGE}#viewerPart01` })] }),
    ]);
  });

  it('a later publish of the disconnected participant attempts nothing: GetParticipant shows it DISCONNECTED', async () => {
    const response = await guard.stage(sqsBatch([stageUpdate('Participant Published', 'viewerPart01', 'viewer-1', '2026-11-20T23:05:00Z')]), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(guard.emulator.calls.counts()).toMatchObject({ GetParticipant: 3, DisconnectParticipant: 1 });
  });

  it('a redelivery of the event that disconnected does not disconnect again, even when the participant is back', async () => {
    const viewer = guard.emulator.world.stages.get(STAGE)!.participants.find((p) => p.participantId === 'viewerPart01')!;
    viewer.state = 'CONNECTED';
    viewer.published = true;

    const response = await guard.stage(sqsBatch([firstViewerPublish]), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(guard.emulator.calls.counts().DisconnectParticipant).toBe(1);
    expect(viewer.state).toBe('CONNECTED');
  });
});
