/**
 * Every operation the emulator serves, by service: the same names as the models' operations.
 */
import type { ServiceName } from '../model.ts';
import { CHANNEL_OPERATIONS } from './channels.ts';
import { CONFIGURATION_OPERATIONS } from './configurations.ts';
import { PARTICIPANT_OPERATIONS } from './participants.ts';
import { STAGE_OPERATIONS } from './stages.ts';
import { STREAM_KEY_OPERATIONS } from './stream-keys.ts';
import { STREAM_OPERATIONS } from './streams.ts';
import { IVS_TAG_OPERATIONS, REALTIME_TAG_OPERATIONS } from './tags.ts';
import type { OperationHandler } from './types.ts';
import { VIEWER_OPERATIONS } from './viewers.ts';

export const OPERATIONS: Record<ServiceName, Record<string, OperationHandler>> = {
  ivs: { ...STREAM_OPERATIONS, ...CHANNEL_OPERATIONS, ...CONFIGURATION_OPERATIONS, ...STREAM_KEY_OPERATIONS, ...VIEWER_OPERATIONS, ...IVS_TAG_OPERATIONS },
  'ivs-realtime': { ...STAGE_OPERATIONS, ...PARTICIPANT_OPERATIONS, ...REALTIME_TAG_OPERATIONS },
};

export type { OperationHandler } from './types.ts';
