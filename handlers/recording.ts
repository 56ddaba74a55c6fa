/** The recording function (DESIGN §2): wiring only. */
import { makeHandler } from './make-handler.ts';

export const handler = await makeHandler('recording');
