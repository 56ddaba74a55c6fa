/**
 * The policy test file (`policies.test.yml`): cases, each a list of events and what must come of them. The zod
 * schema is the one source: `loadTestFile` checks with it and `policies.test.schema.json` is generated from it.
 * Fields may be added, not renamed.
 */
import { z } from 'zod';
import { editorJsonSchema } from '../../domain/policy/json-schema.ts';

/** What became of an event in a replay (the report's `status`). */
export const EVENT_STATUSES = ['processed', 'ignored', 'rejected', 'failed'] as const;
/** What became of an action (the report's action `status`). */
export const ACTION_STATUSES = ['applied', 'planned', 'skipped', 'failed'] as const;
const MODES = ['enforce', 'dry-run'] as const;

const text = z.string().trim().min(1, { error: 'expected some text, not an empty string' });
const actionName = z.string().regex(/^[a-z][A-Za-z]*$/, { error: 'expected an action name like stopStream' });

/** An event entry: a file, a generated sample, or an event written out. */
const eventEntry = z.union([
  z.strictObject({ file: text.describe('a .json (one event or an array) or .jsonl file, relative to the test file') }),
  z.strictObject({
    generate: text.describe('a generate-event kind: a sample name like stream-takeover-failure, or folder/name'),
    set: z
      .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .describe('fields to set, by dotted path: { time: "2026-11-20T19:09:52Z", detail.code: StreamTakeoverLimitBreached }'),
  }),
  z.strictObject({ event: z.record(z.string(), z.unknown()).describe('an EventBridge event, written out') }),
]);

/** `{ stopStream: applied }`, or the long form that can also expect a reason. */
const expectedAction = z.union([
  z.strictObject({
    type: actionName,
    status: z.enum(ACTION_STATUSES).optional(),
    reason: text.optional().describe('a substring of the reason the action was planned, skipped or failed'),
  }),
  z
    .record(actionName, z.enum(ACTION_STATUSES))
    .refine((entry) => Object.keys(entry).length === 1, { error: 'expected one action and its status, like { stopStream: applied }' }),
]);

const expectedDecision = z.strictObject({
  policy: text.describe('the policy that decides'),
  mode: z.enum(MODES).optional(),
  actions: z.array(expectedAction).optional().describe("the decision's actions, all of them, in order"),
  evidence: z.union([text, z.array(text)]).optional().describe('substrings, each of one evidence line'),
});

const expectation = z.strictObject({
  event: z.int().min(1, { error: 'expected a position among the case’s events, counting from 1' }).optional().describe("1-based, among this case's events; default: the last"),
  status: z.enum(EVENT_STATUSES).optional(),
  decisions: z.array(expectedDecision).optional().describe('the decisions on this event, all of them ([] for none), in order'),
  rejected: text.optional().describe('a substring of why the event was rejected (or failed)'),
  apiCalls: z
    .record(z.string().regex(/^[A-Z][A-Za-z]*$/, { error: 'expected an API operation like GetStreamSession' }), z.int().min(0))
    .optional()
    .describe('exact counts of the IVS and EventBridge calls the whole case made, by operation; an operation left out is not checked'),
});

const testCase = z.strictObject({
  name: text,
  description: z.string().optional(),
  world: text.optional().describe("this case's world file (overrides the file's world)"),
  mode: z.enum(MODES).optional().describe('run every policy in this mode, whatever the policy document says'),
  events: z.array(eventEntry).min(1, { error: 'a case needs at least one event' }).describe('in order'),
  expect: z.array(expectation).min(1, { error: 'a case needs at least one expectation' }),
});

/** The whole test file. */
export const policyTestFileSchema = z.strictObject({
  policies: text.optional().describe('the policy document under test, relative to this file (default: policies.yml beside it)'),
  world: text.optional().describe('a world file every case starts from, relative to this file'),
  cases: z.array(testCase).min(1, { error: 'a test file needs at least one case' }),
});

export type PolicyTestFile = z.output<typeof policyTestFileSchema>;
export type TestCase = PolicyTestFile['cases'][number];
export type EventEntry = TestCase['events'][number];
export type Expectation = TestCase['expect'][number];
export type ExpectedDecision = NonNullable<Expectation['decisions']>[number];
export type ExpectedAction = NonNullable<ExpectedDecision['actions']>[number];

/** The JSON Schema of the test file (draft-07), for editors: `# yaml-language-server: $schema=./policies.test.schema.json`. */
export function policyTestJsonSchema(): Record<string, unknown> {
  return editorJsonSchema(policyTestFileSchema);
}
