/** `stopStream`: StopStream on the channel. ChannelNotBroadcasting means the goal is already met. */
import { defineAction } from './action.ts';
import { onChannel, toEventChannel } from './on-channel.ts';
import type { OnChannel } from './on-channel.ts';

/** `stopStream` bound to the event's channel. */
export interface StopStreamAction extends OnChannel {
  type: 'stopStream';
}

export const stopStream = defineAction<'stopStream', { type: 'stopStream' }, StopStreamAction>({
  type: 'stopStream',
  summary: "Stops the stream on the event's channel.",
  policy: { byName: true },
  bind: (_spec, context) => toEventChannel(context, (channelArn) => ({ type: 'stopStream', channelArn })),
  ...onChannel,
  sameActionDetail: () => '',
  reserves: true,
  operations: ['StopStream'],
  functions: ['stream', 'recording'],
  async run(action, { ivs }) {
    const result = await ivs.stopStream(action.channelArn);
    return result === 'stopped' ? 'stream stopped' : 'channel was not broadcasting: nothing to stop';
  },
  redelivery: { repeatable: true, once: 'repeat-harmless', why: 'a repeat answers ChannelNotBroadcasting (nothing to stop), unless the broadcaster came back' },
});
