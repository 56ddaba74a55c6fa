/**
 * The stage function (DESIGN §2): wiring only. The one function with an IVS real-time client: it reads the
 * participant (GetParticipant) and disconnects it (DisconnectParticipant), on `stage/*`.
 */
import { getIvsRealtimeClient } from '../adapters/clients.ts';
import { stageAdapter } from '../adapters/stage.ts';
import { makeHandler } from './make-handler.ts';

export const handler = await makeHandler('stage', { stage: stageAdapter(getIvsRealtimeClient()) });
