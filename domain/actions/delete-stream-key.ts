/** `deleteStreamKey`: deletes the channel's stream keys (ListStreamKeys → DeleteStreamKey for each). */
import { defineChannelAction, describeKeys } from './on-channel.ts';

export const deleteStreamKey = defineChannelAction<'deleteStreamKey', { type: 'deleteStreamKey' }>({
  type: 'deleteStreamKey',
  summary: "Deletes the channel's stream keys: nobody can broadcast until a new key is created.",
  policy: { byName: true },
  reserves: true,
  operations: ['ListStreamKeys', 'DeleteStreamKey'],
  functions: ['stream', 'recording'],
  async run(action, { ivs }) {
    const { deletedKeyArns } = await ivs.deleteStreamKey(action.channelArn);
    return `deleted ${describeKeys(deletedKeyArns)}`;
  },
  redelivery: { repeatable: false, once: 'repeat-harmless', why: 'the key gone (ResourceNotFound) counts as deleted; a repeat deletes any key created since, by the operator too' },
});
