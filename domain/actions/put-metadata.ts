/** `putMetadata {text}`: inserts timed metadata into the channel's stream (PutMetadata, at most 1 KB of UTF-8). */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { IVS_LIMITS } from '../limits.ts';
import { closedObject, expectedMessage } from '../policy/schema-parts.ts';
import { defineChannelAction } from './on-channel.ts';

const metadataText = z.string({ error: (issue) => expectedMessage('text', issue.input) }).check(
  z.minLength(1, { error: 'expected some text' }),
  z.refine((text: string) => byteLength(text) <= IVS_LIMITS.metadataMaxBytes, {
    error: `must be at most ${IVS_LIMITS.metadataMaxBytes} bytes in UTF-8 (PutMetadata's limit)`,
  }),
);

const parameters = transformed(closedObject({ text: metadataText }, 'putMetadata {text}'), ({ text }): PutMetadataSpec => ({ type: 'putMetadata', text }));

/** `putMetadata` as a policy writes it. */
export interface PutMetadataSpec {
  type: 'putMetadata';
  text: string;
}

export const putMetadata = defineChannelAction<'putMetadata', PutMetadataSpec>({
  type: 'putMetadata',
  summary: "Inserts timed metadata into the channel's stream.",
  policy: { byName: false, parameters: { schema: parameters, howToWrite: '{ putMetadata: { text: "…" } }' } },
  // Two texts are two actions: the cooldown holds back the same text again, not another one.
  sameActionDetail: (action) => action.text,
  reserves: true,
  operations: ['PutMetadata'],
  functions: ['stream', 'recording'],
  async run(action, { ivs, attempt }) {
    const bytes = byteLength(action.text);
    if (attempt?.takenOver?.progress === TAKEN) return `applied, unconfirmed: an earlier attempt sent the metadata (${bytes} bytes) and never heard back; not sent again (at most once)`;
    await attempt?.note(TAKEN);
    let sent: void | 'unconfirmed';
    try {
      sent = await ivs.putMetadata(action.channelArn, action.text);
    } catch (error) {
      // IVS answered with an error: nothing was inserted, so a later attempt may send it.
      await attempt?.note(ANSWERED).catch(() => undefined);
      throw error;
    }
    if (sent === 'unconfirmed') return `applied, unconfirmed: the answer to PutMetadata (${bytes} bytes) was lost; not sent again (at most once)`;
    return `metadata inserted (${bytes} bytes)`;
  },
  redelivery: {
    repeatable: false,
    once: 'at-most-once',
    why: 'IVS cannot be asked whether metadata was inserted, and a repeat shows players the text twice: `taken` is noted before the call, and an attempt whose answer was lost is reported applied, unconfirmed, never sent again',
  },
});

/** Noted on the ledger row just before PutMetadata is sent; `answered` once IVS refused it (nothing inserted). */
const TAKEN = 'taken';
const ANSWERED = 'answered';

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
