/**
 * The policy document (`policies.yml`, DESIGN §3) as a zod schema: the one source of its rules, of the types the
 * guard uses, and of the JSON Schema editors complete it with. Strict: an unknown key is an error.
 */
import { z } from 'zod';
import { actionSchema } from './action-schema.ts';
import { conditionSchema, eventNameSchema } from './condition-schema.ts';
import { closedObject, expectedMessage, knownWord, wholeNumber } from './schema-parts.ts';
import { EVENT_NAMES_BY_DETAIL_TYPE, POLICY_DETAIL_TYPES } from './vocabulary.ts';

const modeSchema = knownWord(['enforce', 'dry-run'], 'mode').describe('enforce: act; dry-run: decide and report what would be done, act on nothing.');

const policyNameSchema = z
  .string({ error: (issue) => expectedMessage('a policy name', issue.input) })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'expected a name of letters, digits, ".", "_" or "-" (at most 64 characters, e.g. stream-key-leak)' })
  .describe('Unique; names the policy in decisions, logs and metrics.');

export const triggerSchema = closedObject(
  {
    detailType: knownWord(POLICY_DETAIL_TYPES, 'detail-type').optional().describe('The EventBridge detail-type, e.g. IVS Stream State Change.'),
    names: z.array(eventNameSchema).min(1).optional().describe("The event's event_name, recording_status or limit_name."),
    source: z.string().min(1).optional().describe('The EventBridge source (default: any).'),
  },
  'a trigger {detailType?, names?, source?}',
)
  .superRefine((on, ctx) => {
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
  })
  .describe('Which events trigger the policy; every key given must match.');

export const policySchema = closedObject(
  {
    name: policyNameSchema,
    description: z.string().optional(),
    mode: modeSchema.optional().describe("Overrides the document's mode for this policy."),
    on: triggerSchema,
    where: z.array(conditionSchema).default([]).describe('Conditions that must all hold (default: none).'),
    then: z.array(actionSchema).min(1, { error: 'expected at least one action' }).describe('Actions, taken in order.'),
  },
  'a policy {name, description?, mode?, on, where?, then}',
);

/** The guard's defaults when the document leaves `safety` out. */
export const DEFAULT_SAFETY = { cooldownSeconds: 300, maxActionsPerHour: 50 } as const;

export const protectedChannelsSchema = closedObject(
  {
    arns: z
      .array(z.string().min(1))
      .default([])
      .describe('Channel ARN globs: * matches any characters (including : and /), ? one. E.g. arn:aws:ivs:*:*:channel/keepalive*'),
    tags: z
      .record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }))
      .default({})
      .describe('A channel carrying all of these tags, with these values, is protected.'),
  },
  'protectedChannels {arns?, tags?}',
).describe('Channels the guard never acts on.');

export const protectedStagesSchema = closedObject(
  {
    arns: z
      .array(z.string().min(1))
      .default([])
      .describe('Stage ARN globs: * matches any characters (including : and /), ? one. E.g. arn:aws:ivs:*:*:stage/keynote*'),
    tags: z
      .record(z.string(), z.string({ error: (issue) => expectedMessage('a string (quote it)', issue.input) }))
      .default({})
      .describe('A stage carrying all of these tags (ivs-realtime ListTagsForResource), with these values, is protected.'),
  },
  'protectedStages {arns?, tags?}',
).describe('Real-time stages whose participants the guard never disconnects.');

export const safetySchema = closedObject(
  {
    cooldownSeconds: wholeNumber(0).default(DEFAULT_SAFETY.cooldownSeconds).describe('The same action on the same target at most once in this many seconds.'),
    maxActionsPerHour: wholeNumber(1).default(DEFAULT_SAFETY.maxActionsPerHour).describe('Account-wide budget; past it the guard acts no more and says so.'),
  },
  'safety {cooldownSeconds?, maxActionsPerHour?}',
);

export const policyDocumentSchema = closedObject(
  {
    version: z.literal(1, { error: (issue) => expectedMessage('1 (the only version)', issue.input) }),
    mode: modeSchema.default('enforce').describe('The mode of every policy that does not set its own (default enforce).'),
    protectedChannels: protectedChannelsSchema.default({ arns: [], tags: {} }),
    protectedStages: protectedStagesSchema.default({ arns: [], tags: {} }),
    safety: safetySchema.default(DEFAULT_SAFETY),
    policies: z.array(policySchema),
  },
  'a policy document {version, mode?, protectedChannels?, protectedStages?, safety?, policies}',
)
  .superRefine(
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
  )
  .meta({ title: 'ivs-guard policy document', description: 'Policies that react to Amazon IVS events (see DESIGN.md §3).' });

export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type Policy = PolicyDocument['policies'][number];
export type Trigger = Policy['on'];
export type ProtectedChannels = PolicyDocument['protectedChannels'];
export type ProtectedStages = PolicyDocument['protectedStages'];
export type SafetySettings = PolicyDocument['safety'];
