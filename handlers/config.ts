/**
 * The deployment's settings, read once per container from the environment (set in serverless.yml,
 * or by the local replay), and the policy document, validated at cold start.
 *
 * Deployed, the policy document is the compiled JSON that `serverless package` writes
 * (`dist/policies.json`, see scripts/serverless-validate-policies.cjs); the Lambda bundles read nothing
 * else, so they carry no YAML parser. Run from the sources (the local replay, the tests), a `.yml`
 * document is read as `ivs-guard validate` reads it, with line numbers.
 *
 * The environment is checked by a zod schema: a missing `IVS_GUARD_TABLE` or `IVS_GUARD_AUDIT_BUS`, or a
 * value the guard does not know, fails the cold start with an error naming the variable. Nothing falls back
 * to a made-up table or the `default` bus.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import '../domain/zod.ts';
import { DEFAULT_MODERATION_SOURCE } from '../domain/events/revocation-request.ts';
import { loadCompiledPolicies } from '../domain/policy/compiled.ts';
import type { PolicyDocument } from '../domain/policy/schema.ts';
import { quote } from '../domain/wording.ts';

/** The settings of one guard function, as its handler uses them. */
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
  /**
   * How long a delivery's claim on an action lasts (`IVS_GUARD_LEASE_SECONDS`; default 60, `DEFAULT_LEASE_SECONDS`):
   * longer than the function may run, shorter than the queue's visibility timeout.
   */
  leaseSeconds?: number | undefined;
}

const required = (what: string) => z.string({ error: `is not set: it names ${what}` }).check(z.minLength(1, { error: `is empty: it names ${what}` }));

const optionalText = (what: string) => z.optional(z.string().check(z.minLength(1, { error: `is empty: leave it unset or name ${what}` })));

/** The environment variables a guard function reads; everything else in the environment is left alone. */
export const guardEnvironmentSchema = z.object({
  IVS_GUARD_AUDIT_BUS: required('the EventBridge bus decisions are published on'),
  IVS_GUARD_TABLE: required('the DynamoDB ledger table'),
  IVS_GUARD_POLICIES: optionalText('the policy document (default policies.yml)'),
  IVS_GUARD_MODERATION_SOURCE: optionalText(`the moderation requests' source (default ${DEFAULT_MODERATION_SOURCE})`),
  IVS_GUARD_CLOCK: z.optional(z.enum(['wall', 'event-time'], { error: (issue) => `expected wall or event-time, got ${quote(issue.input)}` })),
  IVS_GUARD_PLAN_ONLY: z.optional(z.enum(['0', '1'], { error: (issue) => `expected 1 (plan only) or 0, got ${quote(issue.input)}` })),
  IVS_GUARD_LEASE_SECONDS: z.optional(
    z.string().check(z.regex(/^[1-9][0-9]*$/, { error: (issue) => `expected a whole number of seconds, at least 1, got ${quote(issue.input)}` })),
  ),
  LAMBDA_TASK_ROOT: z.optional(z.string()),
});

/** The environment is not one a guard function can run with; the message names each variable and what is wrong. */
export class GuardEnvironmentError extends Error {
  override readonly name = 'GuardEnvironmentError';
}

/** Reads and checks the settings; throws a `GuardEnvironmentError` naming every variable that is missing or wrong. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): GuardSettings {
  const parsed = guardEnvironmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new GuardEnvironmentError(`the guard's environment is not usable: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  return {
    policiesPath: resolve(vars.LAMBDA_TASK_ROOT ?? process.cwd(), vars.IVS_GUARD_POLICIES ?? 'policies.yml'),
    auditBusName: vars.IVS_GUARD_AUDIT_BUS,
    ledgerTable: vars.IVS_GUARD_TABLE,
    moderationSource: vars.IVS_GUARD_MODERATION_SOURCE ?? DEFAULT_MODERATION_SOURCE,
    clock: vars.IVS_GUARD_CLOCK ?? 'wall',
    planOnly: vars.IVS_GUARD_PLAN_ONLY === '1',
    leaseSeconds: vars.IVS_GUARD_LEASE_SECONDS === undefined ? undefined : Number(vars.IVS_GUARD_LEASE_SECONDS),
  };
}

/**
 * Reads and validates the policy document; a mistake fails the cold start naming its path (JSON) or its line (YAML).
 *
 * `process.env.IVS_GUARD_BUNDLE` is replaced by `"lambda"` when the Lambda bundles are built
 * (scripts/esbuild-plugins.cjs), which makes the YAML branch dead code that esbuild leaves out, `yaml` with it.
 */
export async function readPolicies(path: string): Promise<PolicyDocument> {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return loadCompiledPolicies(text, path);
  if (process.env.IVS_GUARD_BUNDLE === 'lambda') {
    throw new GuardEnvironmentError(`IVS_GUARD_POLICIES names ${path}: the deployed functions read the compiled policy document (.json) that serverless package writes`);
  }
  const { loadPolicyDocument } = await import('../domain/policy/load.ts');
  return loadPolicyDocument(text, path);
}
