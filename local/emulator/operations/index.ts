/**
 * Every operation the emulator serves, by service: the same names as the models' operations.
 */
import type { ServiceName } from '../model.ts';
import { CHANNEL_OPERATIONS } from './channels.ts';
import { STAGE_OPERATIONS } from './stages.ts';
import { STREAM_KEY_OPERATIONS } from './stream-keys.ts';
import { STREAM_OPERATIONS } from './streams.ts';
import type { OperationHandler } from './types.ts';
import { VIEWER_OPERATIONS } from './viewers.ts';

export const OPERATIONS: Record<ServiceName, Record<string, OperationHandler>> = {
  ivs: { ...STREAM_OPERATIONS, ...CHANNEL_OPERATIONS, ...STREAM_KEY_OPERATIONS, ...VIEWER_OPERATIONS },
  'ivs-realtime': { ...STAGE_OPERATIONS, ListTagsForResource: CHANNEL_OPERATIONS.ListTagsForResource as OperationHandler },
};

export type { OperationHandler } from './types.ts';
