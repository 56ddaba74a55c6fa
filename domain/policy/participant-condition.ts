/**
 * The `participant` condition: the stage participant the event names, as GetParticipant returns it (fetched once
 * per stage, session and participant in a batch, and only when a policy the event triggers reads it). Like
 * `channel`: every setting listed must hold.
 */
import { z } from 'zod';
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
  z
    .string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) })
    .min(1, { error: `expected ${what}, got an empty string` })
    .optional();

export const participantConditionSchema = closedObject(
  {
    published: z.boolean({ error: (issue) => expectedMessage('true or false', issue.input) }).optional().describe('Whether the participant is publishing.'),
    state: knownWord(PARTICIPANT_STATES, 'participant state').optional(),
    userId: text('a user id').describe('The user id its token was created with.'),
    attributes: z
      .record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }))
      .optional()
      .describe("Every attribute listed must have this value in the participant's token attributes (write `not` for a participant whose token lacks one)."),
    protocol: knownWord(PARTICIPANT_PROTOCOLS, 'participant protocol').optional(),
    ispName: text('an ISP name'),
    osName: text('an OS name'),
    browserName: text('a browser name'),
    sdkVersion: text('an SDK version'),
  },
  `participant {${KEYS.join('?, ')}?}`,
)
  .refine((condition) => KEYS.some((key) => condition[key] !== undefined), { error: `name at least one of: ${KEYS.join(', ')}` })
  .describe('Holds when the stage participant the event names (GetParticipant) has all these settings.');

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
