/**
 * The policy language (DESIGN §3): loading and validating `policies.yml`, its JSON Schema, what an event needs
 * fetched, evaluating an event into decisions; protected channels are the gate's (pipeline/gate.ts).
 */
export { loadPolicyDocument, PolicyDocumentError, formatProblem } from './load.ts';
export type { PolicyProblem } from './load.ts';
export { policyDocumentSchema, DEFAULT_SAFETY } from './schema.ts';
export type { PolicyDocument, Policy, Trigger, ProtectedChannels, ProtectedStages, SafetySettings } from './schema.ts';
export type { Condition, SessionEventsCondition, IngestLimits, ChannelCondition, MatchCondition, MatchOp } from './condition-schema.ts';
export { MATCH_OPS } from './condition-schema.ts';
export type { ActionSpec } from './action-schema.ts';
export { policyJsonSchema } from './json-schema.ts';
export { enrichmentNeeds } from './enrichment.ts';
export { evaluate, explain } from './evaluate.ts';
export type { EvaluationContext, PolicyOutcome } from './evaluate.ts';
export type { Enrichment, Truth } from './conditions.ts';
export { triggers } from './trigger.ts';
