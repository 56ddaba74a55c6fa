/**
 * What the actions on one channel share (rotateStreamKey, deleteStreamKey, stopStream, putMetadata): they bind
 * to the triggering event's channel, and that channel is their target.
 */
import { NO_CHANNEL } from './action.ts';
import type { BindContext } from './action.ts';

/** An action bound to a channel. */
export interface OnChannel {
  channelArn: string;
}

/** Binds to the event's channel, or says the event names none. */
export function toEventChannel<Bound extends OnChannel>(context: BindContext, bound: (channelArn: string) => Bound): Bound | string {
  return context.channelArn !== undefined ? bound(context.channelArn) : NO_CHANNEL;
}

/** The parts of an action definition that follow from acting on one channel. */
export const onChannel = {
  target: (action: OnChannel): string => action.channelArn,
  channels: (action: OnChannel): string[] => [action.channelArn],
} as const;

/** The stream key ARNs a summary names. */
export function describeKeys(arns: readonly string[]): string {
  return arns.length === 0 ? 'no existing key' : arns.join(', ');
}
