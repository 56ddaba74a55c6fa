/**
 * The deployment's settings, read once per container from the environment (set in serverless.yml,
 * or by the local replay), and the policy document, validated at cold start.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPolicyDocument } from '../domain/policy/index.ts';
import type { PolicyDocument } from '../domain/policy/index.ts';

export interface GuardSettings {
  policiesPath: string;
  auditBusName: string;
  /** The DynamoDB ledger table. */
  ledgerTable: string;
  moderationSource: string;
  /** `event-time`: decide by the event's time (replay); `wall` otherwise. */
  clock: 'wall' | 'event-time';
  /** Plan every action and publish nothing (`ivs-guard replay --live` without `--apply`). */
  planOnly: boolean;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): GuardSettings {
  return {
    policiesPath: resolve(env.LAMBDA_TASK_ROOT ?? process.cwd(), env.IVS_GUARD_POLICIES ?? 'policies.yml'),
    auditBusName: env.IVS_GUARD_AUDIT_BUS ?? 'default',
    ledgerTable: env.IVS_GUARD_TABLE ?? 'ivs-guard-ledger',
    moderationSource: env.IVS_GUARD_MODERATION_SOURCE ?? 'ivs-guard.moderation',
    clock: env.IVS_GUARD_CLOCK === 'event-time' ? 'event-time' : 'wall',
    planOnly: env.IVS_GUARD_PLAN_ONLY === '1',
  };
}

/** Reads and validates the policy document; a mistake fails the cold start with its line. */
export function readPolicies(path: string): PolicyDocument {
  return loadPolicyDocument(readFileSync(path, 'utf8'), path);
}
