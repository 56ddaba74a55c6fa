/** `notify {severity}`: only records and publishes the decision (audit); no API call, no cooldown, no budget. */
import * as z from 'zod/mini';
import { transformed } from '../zod.ts';
import { closedObject, expectedMessage } from '../policy/schema-parts.ts';
import type { Severity } from './action.ts';
import { defineAction } from './action.ts';

const SEVERITIES = ['info', 'warning', 'critical'] as const satisfies readonly Severity[];

const parameters = transformed(
  closedObject({ severity: z.enum(SEVERITIES, { error: (issue) => expectedMessage('info, warning or critical', issue.input) }) }, 'notify {severity}'),
  ({ severity }) => ({ type: 'notify' as const, severity }),
);

export const notify = defineAction({
  type: 'notify',
  summary: 'Only records and publishes the decision (audit).',
  policy: { byName: false, parameters: { schema: parameters, howToWrite: '{ notify: { severity: info | warning | critical } }' } },
  bind: (spec, { policy, evidence }) => ({ type: 'notify' as const, severity: spec.severity, message: `${policy}: ${evidence.join('; ')}` }),
  target: () => 'audit',
  channels: () => [],
  sameActionDetail: (action) => action.message,
  reserves: false,
  operations: [],
  functions: ['stream', 'recording', 'stage', 'moderation'],
  run: (action) => Promise.resolve(`notified (${action.severity})`),
  redelivery: { repeatable: true, once: 'repeat-harmless', why: 'the decision is published once per event: the ledger notes it' },
});
