/**
 * What the actions on one channel share (rotateStreamKey, deleteStreamKey, stopStream, putMetadata): they bind
 * to the triggering event's channel, that channel is their target and the one channel the gate checks, and
 * besides it only their parameters (if any) make two of them "the same". `defineChannelAction` fills those in;
 * the module declares the rest.
 *
 * @example
 * ```ts
 * export const stopStream = defineChannelAction<'stopStream', { type: 'stopStream' }>({
 *   type: 'stopStream',
 *   summary: "Stops the stream on the event's channel.",
 *   policy: { byName: true },
 *   reserves: true,
 *   operations: ['StopStream'],
 *   functions: ['stream', 'recording'],
 *   run: async (action, { ivs }) => ((await ivs.stopStream(action.channelArn)) === 'stopped' ? 'stream stopped' : 'nothing to stop'),
 *   redelivery: { repeatable: true, once: 'repeat-harmless', why: 'a repeat answers ChannelNotBroadcasting' },
 * });
 * ```
 */
import { defineAction, NO_CHANNEL } from './action.ts';
import type { ActionDefinition } from './action.ts';

/** An action bound to a channel. */
export interface OnChannel {
  channelArn: string;
}

/** A channel action as a policy writes it (`Spec`), bound to the event's channel. */
export type OnChannelAction<Spec> = Spec & OnChannel;

/** What a channel action's module declares: everything but how it binds and what it targets. */
export type ChannelActionDefinition<Type extends string, Spec extends { type: Type }> = Omit<
  ActionDefinition<Type, Spec, OnChannelAction<Spec>>,
  'bind' | 'target' | 'channels' | 'sameActionDetail'
> & {
  /** What besides the channel makes two of these actions the same (default: nothing). */
  sameActionDetail?: (action: OnChannelAction<Spec>) => string;
};

/** Declares an action on the triggering event's channel (bound as its spec and the `channelArn`). */
export function defineChannelAction<Type extends string, Spec extends { type: Type }>(
  definition: ChannelActionDefinition<Type, Spec>,
): ActionDefinition<Type, Spec, OnChannelAction<Spec>> {
  return defineAction<Type, Spec, OnChannelAction<Spec>>({
    ...definition,
    bind: (spec, { channelArn }) => (channelArn !== undefined ? { ...spec, channelArn } : NO_CHANNEL),
    target: (action) => action.channelArn,
    channels: (action) => [action.channelArn],
    sameActionDetail: definition.sameActionDetail ?? (() => ''),
  });
}

/** The stream key ARNs a summary names. */
export function describeKeys(arns: readonly string[]): string {
  return arns.length === 0 ? 'no existing key' : arns.join(', ');
}
