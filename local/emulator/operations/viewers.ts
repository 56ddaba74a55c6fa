/**
 * Viewer-session revocation on private channels: StartViewerSessionRevocation (one pair) and
 * BatchStartViewerSessionRevocation (1 to 20 pairs, 200 even when some fail: those come back in `errors`).
 */
import type { RevocationRecord } from '../types.ts';
import type { EmulatorWorld } from '../world.ts';
import { channelOrThrow } from './streams.ts';
import type { OperationHandler } from './types.ts';

interface Pair {
  channelArn: string;
  viewerId: string;
  viewerSessionVersionsLessThanOrEqualTo?: number;
}

function revoke(world: EmulatorWorld, pair: Pair, operation: RevocationRecord['operation']): void {
  const version = pair.viewerSessionVersionsLessThanOrEqualTo ?? 0;
  world.revocations.push({ channelArn: pair.channelArn, viewerId: pair.viewerId, viewerSessionVersionsLessThanOrEqualTo: version, operation, time: world.now() });
  world.recordAction(operation, pair.channelArn, { viewerId: pair.viewerId, viewerSessionVersionsLessThanOrEqualTo: version });
}

const startViewerSessionRevocation: OperationHandler = (world, input) => {
  const pair = input as unknown as Pair;
  channelOrThrow(world, pair.channelArn);
  revoke(world, pair, 'StartViewerSessionRevocation');
  return {};
};

const batchStartViewerSessionRevocation: OperationHandler = (world, input) => {
  const { viewerSessions } = input as { viewerSessions: Pair[] };
  const errors = viewerSessions.flatMap((pair) => {
    if (!world.channels.has(pair.channelArn)) {
      return [{ channelArn: pair.channelArn, viewerId: pair.viewerId, code: 'ResourceNotFoundException', message: `Channel not found: ${pair.channelArn}` }];
    }
    revoke(world, pair, 'BatchStartViewerSessionRevocation');
    return [];
  });
  return { errors };
};

export const VIEWER_OPERATIONS: Record<string, OperationHandler> = {
  StartViewerSessionRevocation: startViewerSessionRevocation,
  BatchStartViewerSessionRevocation: batchStartViewerSessionRevocation,
};
