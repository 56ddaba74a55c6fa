/**
 * The policy document (`policies.yml`, DESIGN §3) as a zod schema: the one source of its rules, of the types the
 * guard uses, and of the JSON Schema editors complete it with. Strict: an unknown key is an error.
 */
import * as z from 'zod/mini';
import { described, withMeta } from '../zod.ts';
import { actionSchema } from './action-schema.ts';
import { conditionSchema, eventNameSchema } from './condition-schema.ts';
import { closedObject, expectedMessage, knownWord, wholeNumber } from './schema-parts.ts';
import { EVENT_NAMES_BY_DETAIL_TYPE, POLICY_DETAIL_TYPES } from './vocabulary.ts';

const modeSchema = described(knownWord(['enforce', 'dry-run'], 'mode'), 'enforce: act; dry-run: decide and report what would be done, act on nothing.');

const policyNameSchema = described(
  z
    .string({ error: (issue) => expectedMessage('a policy name', issue.input) })
    .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'expected a name of letters, digits, ".", "_" or "-" (at most 64 characters, e.g. stream-key-leak)' })),
  'Unique; names the policy in decisions, logs and metrics.',
);

const triggerKeys = closedObject(
  {
    detailType: described(z.optional(knownWord(POLICY_DETAIL_TYPES, 'detail-type')), 'The EventBridge detail-type, e.g. IVS Stream State Change.'),
    names: described(z.optional(z.array(eventNameSchema).check(z.minLength(1))), "The event's event_name, recording_status or limit_name."),
    source: described(z.optional(z.string().check(z.minLength(1))), 'The EventBridge source (default: any).'),
  },
  'a trigger {detailType?, names?, source?}',
);

export const triggerSchema = described(
  triggerKeys.check(
    z.superRefine((on, ctx) => {
      if (on.detailType === undefined && on.names === undefined && on.source === undefined) {
        ctx.addIssue({ code: 'custom', input: on, message: 'name what triggers the policy: detailType, names or source' });
      }
      if (on.detailType === undefined || on.names === undefined) return;
      const known = EVENT_NAMES_BY_DETAIL_TYPE[on.detailType];
      on.names.forEach((name, i) => {
        if (!known.includes(name)) {
          ctx.addIssue({ code: 'custom', input: name, path: ['names', i], message: `'${name}' is not an event of ${on.detailType}; its events: ${known.join(', ')}` });
        }
      });
    }),
  ),
  'Which events trigger the policy; every key given must match.',
);

export const policySchema = closedObject(
  {
    name: policyNameSchema,
    description: z.optional(z.string()),
    mode: described(z.optional(modeSchema), "Overrides the document's mode for this policy."),
    on: triggerSchema,
    where: described(z._default(z.array(conditionSchema), []), 'Conditions that must all hold (default: none).'),
    then: described(z.array(actionSchema).check(z.minLength(1, { error: 'expected at least one action' })), 'Actions, taken in order.'),
  },
  'a policy {name, description?, mode?, on, where?, then}',
);

/** The guard's defaults when the document leaves `safety` out. */
export const DEFAULT_SAFETY = { cooldownSeconds: 300, maxActionsPerHour: 50 } as const;

/** A mapping of tag (or attribute) names to the values they must have. */
const tagsSchema = () => z.record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }));

export const protectedChannelsSchema = described(
  closedObject(
    {
      arns: described(
        z._default(z.array(z.string().check(z.minLength(1))), []),
        'Channel ARN globs: * matches any characters (including : and /), ? one. E.g. arn:aws:ivs:*:*:channel/keepalive*',
      ),
      tags: described(z._default(tagsSchema(), {}), 'A channel carrying all of these tags, with these values, is protected.'),
    },
    'protectedChannels {arns?, tags?}',
  ),
  'Channels the guard never acts on.',
);

export const protectedStagesSchema = described(
  closedObject(
    {
      arns: described(
        z._default(z.array(z.string().check(z.minLength(1))), []),
        'Stage ARN globs: * matches any characters (including : and /), ? one. E.g. arn:aws:ivs:*:*:stage/keynote*',
      ),
      tags: described(z._default(tagsSchema(), {}), 'A stage carrying all of these tags (ivs-realtime ListTagsForResource), with these values, is protected.'),
    },
    'protectedStages {arns?, tags?}',
  ),
  'Real-time stages whose participants the guard never disconnects.',
);

export const safetySchema = closedObject(
  {
    cooldownSeconds: described(z._default(wholeNumber(0), DEFAULT_SAFETY.cooldownSeconds), 'The same action on the same target at most once in this many seconds.'),
    maxActionsPerHour: described(z._default(wholeNumber(1), DEFAULT_SAFETY.maxActionsPerHour), 'Account-wide budget; past it the guard acts no more and says so.'),
  },
  'safety {cooldownSeconds?, maxActionsPerHour?}',
);

/** Two policies of one name: reported at the second. */
const uniquePolicyNames = z.superRefine(
  (doc: unknown, ctx) => {
    // Runs even when other parts of the document are wrong (`when`), so the value may be anything.
    const policies = typeof doc === 'object' && doc !== null && 'policies' in doc ? doc.policies : undefined;
    if (!Array.isArray(policies)) return;
    const firstIndex = new Map<string, number>();
    policies.forEach((policy: unknown, i) => {
      const name = typeof policy === 'object' && policy !== null && 'name' in policy ? policy.name : undefined;
      if (typeof name !== 'string') return;
      const first = firstIndex.get(name);
      if (first === undefined) firstIndex.set(name, i);
      else ctx.addIssue({ code: 'custom', input: name, path: ['policies', i, 'name'], message: `duplicate policy name '${name}' (also policies[${first}])` });
    });
  },
  { when: () => true },
);

export const policyDocumentSchema = withMeta(
  closedObject(
    {
      version: z.literal(1, { error: (issue) => expectedMessage('1 (the only version)', issue.input) }),
      mode: described(z._default(modeSchema, 'enforce'), 'The mode of every policy that does not set its own (default enforce).'),
      protectedChannels: z._default(protectedChannelsSchema, { arns: [], tags: {} }),
      protectedStages: z._default(protectedStagesSchema, { arns: [], tags: {} }),
      safety: z._default(safetySchema, DEFAULT_SAFETY),
      policies: z.array(policySchema),
    },
    'a policy document {version, mode?, protectedChannels?, protectedStages?, safety?, policies}',
  ).check(uniquePolicyNames),
  { title: 'ivs-guard policy document', description: 'Policies that react to Amazon IVS events (see DESIGN.md §3).' },
);

export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type Policy = PolicyDocument['policies'][number];
export type Trigger = Policy['on'];
export type ProtectedChannels = PolicyDocument['protectedChannels'];
export type ProtectedStages = PolicyDocument['protectedStages'];
export type SafetySettings = PolicyDocument['safety'];
