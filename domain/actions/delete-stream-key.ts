/** `deleteStreamKey`: deletes the channel's stream keys (ListStreamKeys → DeleteStreamKey for each). */
import { defineAction } from './action.ts';
import { describeKeys, onChannel, toEventChannel } from './on-channel.ts';
import type { OnChannel } from './on-channel.ts';

/** `deleteStreamKey` bound to the event's channel. */
export interface DeleteStreamKeyAction extends OnChannel {
  type: 'deleteStreamKey';
}

export const deleteStreamKey = defineAction<'deleteStreamKey', { type: 'deleteStreamKey' }, DeleteStreamKeyAction>({
  type: 'deleteStreamKey',
  summary: "Deletes the channel's stream keys: nobody can broadcast until a new key is created.",
  policy: { byName: true },
  bind: (_spec, context) => toEventChannel(context, (channelArn) => ({ type: 'deleteStreamKey', channelArn })),
  ...onChannel,
  sameActionDetail: () => '',
  reserves: true,
  operations: ['ListStreamKeys', 'DeleteStreamKey'],
  functions: ['stream', 'recording'],
  async run(action, { ivs }) {
    const { deletedKeyArns } = await ivs.deleteStreamKey(action.channelArn);
    return `deleted ${describeKeys(deletedKeyArns)}`;
  },
  redelivery: { repeatable: false, once: 'repeat-harmless', why: 'the key gone (ResourceNotFound) counts as deleted; a repeat deletes any key created since, by the operator too' },
});
