/**
 * `rotateStreamKey`: deletes the channel's stream keys and creates a new one (ListStreamKeys → DeleteStreamKey →
 * CreateStreamKey). The new key's value never leaves the IVS adapter: only its ARN is reported.
 */
import { defineAction } from './action.ts';
import { describeKeys, onChannel, toEventChannel } from './on-channel.ts';
import type { OnChannel } from './on-channel.ts';

/** `rotateStreamKey` bound to the event's channel. */
export interface RotateStreamKeyAction extends OnChannel {
  type: 'rotateStreamKey';
}

export const rotateStreamKey = defineAction<'rotateStreamKey', { type: 'rotateStreamKey' }, RotateStreamKeyAction>({
  type: 'rotateStreamKey',
  summary: "Replaces the channel's stream key: whoever broadcasts with the old one is cut off.",
  policy: { byName: true },
  bind: (_spec, context) => toEventChannel(context, (channelArn) => ({ type: 'rotateStreamKey', channelArn })),
  ...onChannel,
  sameActionDetail: () => '',
  reserves: true,
  operations: ['ListStreamKeys', 'DeleteStreamKey', 'CreateStreamKey'],
  functions: ['stream', 'recording'],
  async run(action, { ivs }) {
    const { deletedKeyArns, newKeyArn } = await ivs.rotateStreamKey(action.channelArn);
    return `deleted ${describeKeys(deletedKeyArns)}; created ${newKeyArn}`;
  },
  redelivery: { repeatable: false, why: 'a repeat rotates again: the key the operator just fetched stops working' },
});
