/** `stopStream`: StopStream on the channel. ChannelNotBroadcasting means the goal is already met. */
import { defineChannelAction } from './on-channel.ts';

export const stopStream = defineChannelAction<'stopStream', { type: 'stopStream' }>({
  type: 'stopStream',
  summary: "Stops the stream on the event's channel.",
  policy: { byName: true },
  reserves: true,
  operations: ['StopStream'],
  functions: ['stream', 'recording'],
  async run(action, { ivs }) {
    const result = await ivs.stopStream(action.channelArn);
    return result === 'stopped' ? 'stream stopped' : 'channel was not broadcasting: nothing to stop';
  },
  redelivery: { repeatable: true, once: 'repeat-harmless', why: 'a repeat answers ChannelNotBroadcasting (nothing to stop), unless the broadcaster came back' },
});
