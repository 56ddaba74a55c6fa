/**
 * `rotateStreamKey`: deletes the channel's stream keys and creates a new one (ListStreamKeys → DeleteStreamKey →
 * CreateStreamKey). The new key's value never leaves the IVS adapter: only its ARN is reported.
 */
import { defineChannelAction, describeKeys } from './on-channel.ts';

/** The keys an earlier attempt noted before deleting any (`{"keysBefore": [...]}`), if it got that far. */
function keysNoted(progress: string | undefined): string[] | undefined {
  if (progress === undefined) return undefined;
  try {
    const noted = (JSON.parse(progress) as { keysBefore?: unknown }).keysBefore;
    return Array.isArray(noted) && noted.every((arn) => typeof arn === 'string') ? noted : undefined;
  } catch {
    return undefined;
  }
}

export const rotateStreamKey = defineChannelAction<'rotateStreamKey', { type: 'rotateStreamKey' }>({
  type: 'rotateStreamKey',
  summary: "Replaces the channel's stream key: whoever broadcasts with the old one is cut off.",
  policy: { byName: true },
  reserves: true,
  operations: ['ListStreamKeys', 'DeleteStreamKey', 'CreateStreamKey'],
  functions: ['stream', 'recording'],
  async run(action, { ivs, attempt }) {
    const before = keysNoted(attempt?.takenOver?.progress);
    const onListed = attempt ? (keyArns: string[]) => attempt.note(JSON.stringify({ keysBefore: keyArns })) : undefined;
    const { deletedKeyArns, newKeyArn, earlier } = await ivs.rotateStreamKey(action.channelArn, { before, onListed });
    if (earlier) return `deleted ${describeKeys(deletedKeyArns)}; created ${newKeyArn} (found created by an earlier attempt of this rotation)`;
    return `deleted ${describeKeys(deletedKeyArns)}; created ${newKeyArn}`;
  },
  redelivery: {
    repeatable: false,
    once: 'find-out',
    why: "a repeat would rotate again (the key the operator just fetched would stop working): the keys found first are noted on the ledger row, and a key not among them is this rotation's own, so it is done",
  },
});
