/**
 * The moderation function (DESIGN §2): wiring only. The application's requests: viewer-session revocations, and
 * participant disconnects (so it holds an IVS real-time client too, on `stage/*`).
 */
import { getIvsRealtimeClient } from '../adapters/clients.ts';
import { stageAdapter } from '../adapters/stage.ts';
import { makeHandler } from './make-handler.ts';

export const handler = await makeHandler('moderation', { stage: stageAdapter(getIvsRealtimeClient()) });
