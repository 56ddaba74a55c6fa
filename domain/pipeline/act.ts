/**
 * Takes one action through the ports and says, in safe words, what was done.
 * Nothing returned here may carry a secret: stream key values never leave the IVS adapter.
 */
import type { Action } from '../actions.ts';
import { finalError, transientError } from '../errors.ts';
import type { IvsPort, StagePort } from '../ports.ts';

export interface ActPorts {
  ivs: IvsPort;
  stage?: StagePort | undefined;
}

/** Returns a summary of what was done; throws a GuardError when it could not be done. */
export async function act(action: Action, ports: ActPorts): Promise<string> {
  switch (action.type) {
    case 'stopStream': {
      const result = await ports.ivs.stopStream(action.channelArn);
      return result === 'stopped' ? 'stream stopped' : 'channel was not broadcasting: nothing to stop';
    }
    case 'rotateStreamKey': {
      const { deletedKeyArns, newKeyArn } = await ports.ivs.rotateStreamKey(action.channelArn);
      return `deleted ${describeKeys(deletedKeyArns)}; created ${newKeyArn}`;
    }
    case 'deleteStreamKey': {
      const { deletedKeyArns } = await ports.ivs.deleteStreamKey(action.channelArn);
      return `deleted ${describeKeys(deletedKeyArns)}`;
    }
    case 'putMetadata':
      await ports.ivs.putMetadata(action.channelArn, action.text);
      return `metadata inserted (${new TextEncoder().encode(action.text).length} bytes)`;
    case 'revokeViewerSessions': {
      const { revoked, failed } = await ports.ivs.revokeViewerSessions(action.viewerSessions);
      if (failed.length === 0) return `revoked ${revoked} viewer session pair(s)`;
      const detail = failed.map((f) => `${f.pair.viewerId}: ${f.code}`).join(', ');
      const message = `revoked ${revoked} pair(s); ${failed.length} failed: ${detail}`;
      // Revocation is idempotent: retrying the whole record is safe when any failure may pass.
      throw failed.some((f) => f.retryable) ? transientError(message, 'PartialRevocationFailure') : finalError(message, 'PartialRevocationFailure');
    }
    case 'disconnectParticipant': {
      if (!ports.stage) throw finalError('this function has no IVS real-time client: it cannot disconnect participants', 'NotPermitted');
      await ports.stage.disconnectParticipant(action.stageArn, action.participantId, action.reason);
      return `participant ${action.participantId} disconnected`;
    }
    case 'notify':
      return `notified (${action.severity})`;
  }
}

function describeKeys(arns: string[]): string {
  return arns.length === 0 ? 'no existing key' : arns.join(', ');
}
