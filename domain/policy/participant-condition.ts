/**
 * The `participant` condition: the stage participant the event names, as GetParticipant returns it (fetched once
 * per stage, session and participant in a batch, and only when a policy the event triggers reads it). Like
 * `channel`: every setting listed must hold.
 */
import * as z from 'zod/mini';
import { described } from '../zod.ts';
import type { Participant } from '../session.ts';
import { closedObject, expectedMessage, knownWord } from './schema-parts.ts';

/** GetParticipant's `state` (ivs-realtime ParticipantState). */
export const PARTICIPANT_STATES = ['CONNECTED', 'DISCONNECTED'] as const;
/** GetParticipant's `protocol` (ivs-realtime ParticipantProtocol). */
export const PARTICIPANT_PROTOCOLS = ['UNKNOWN', 'WHIP', 'RTMP', 'RTMPS'] as const;

/** The participant's text members a policy can compare, exactly (GetParticipant's own member names). */
const TEXT_MEMBERS = ['userId', 'ispName', 'osName', 'browserName', 'sdkVersion'] as const;
const KEYS = ['published', 'state', 'userId', 'attributes', 'protocol', ...TEXT_MEMBERS.slice(1)] as const;

const text = (what: string) =>
  z.optional(z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }).check(z.minLength(1, { error: `expected ${what}, got an empty string` })));

export const participantConditionSchema = described(
  closedObject(
    {
      published: described(z.optional(z.boolean({ error: (issue) => expectedMessage('true or false', issue.input) })), 'Whether the participant is publishing.'),
      state: z.optional(knownWord(PARTICIPANT_STATES, 'participant state')),
      userId: described(text('a user id'), 'The user id its token was created with.'),
      attributes: described(
        z.optional(z.record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }))),
        "Every attribute listed must have this value in the participant's token attributes (write `not` for a participant whose token lacks one).",
      ),
      protocol: z.optional(knownWord(PARTICIPANT_PROTOCOLS, 'participant protocol')),
      ispName: text('an ISP name'),
      osName: text('an OS name'),
      browserName: text('a browser name'),
      sdkVersion: text('an SDK version'),
    },
    `participant {${KEYS.join('?, ')}?}`,
  ).check(z.refine((condition) => KEYS.some((key) => condition[key] !== undefined), { error: `name at least one of: ${KEYS.join(', ')}` })),
  'Holds when the stage participant the event names (GetParticipant) has all these settings.',
);

export type ParticipantCondition = z.output<typeof participantConditionSchema>;

interface Check {
  holds: boolean;
  yes: string;
  no: string;
}

/** Whether `participant` has every setting of `condition`, with the evidence in words. */
export function participantHolds(condition: ParticipantCondition, participant: Participant): { holds: boolean; evidence: string } {
  const checks: Check[] = [];
  const who = `participant ${participant.participantId ?? '(no id)'}`;
  const member = (name: string, wanted: string | boolean | undefined) => {
    if (wanted === undefined) return;
    const actual = participant[name];
    const shown = typeof actual === 'string' || typeof actual === 'boolean' ? String(actual) : 'not reported';
    checks.push({ holds: actual === wanted, yes: `${name} ${String(wanted)}`, no: `${name} is ${shown}, not ${String(wanted)}` });
  };
  member('published', condition.published);
  member('state', condition.state);
  member('protocol', condition.protocol);
  for (const name of TEXT_MEMBERS) member(name, condition[name]);
  for (const [key, wanted] of Object.entries(condition.attributes ?? {})) {
    const actual = participant.attributes?.[key];
    const shown = actual === undefined ? 'not set' : `${key}=${actual}`;
    checks.push({ holds: actual === wanted, yes: `attribute ${key}=${wanted}`, no: `attribute ${key} is ${shown}, not ${wanted}` });
  }
  const failed = checks.filter((check) => !check.holds);
  if (failed.length > 0) return { holds: false, evidence: `${who}: ${failed.map((c) => c.no).join(', ')}` };
  return { holds: true, evidence: `${who}: ${checks.map((c) => c.yes).join(', ')}` };
}
