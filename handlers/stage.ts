/**
 * The stage function (DESIGN §2): wiring only. With an IVS real-time client, on `stage/*`: it reads the participant
 * (GetParticipant), its events (ListParticipantEvents) and the stage's tags (ListTagsForResource), and disconnects it
 * (DisconnectParticipant).
 */
import { getIvsRealtimeClient } from '../adapters/clients.ts';
import { stageAdapter } from '../adapters/stage.ts';
import { makeHandler } from './make-handler.ts';

export const handler = await makeHandler('stage', { stage: stageAdapter(getIvsRealtimeClient()) });
