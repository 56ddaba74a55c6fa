/**
 * Points the real handlers at local services through the AWS SDK's own endpoint settings, and
 * restores the environment afterwards. The handlers never know where they run.
 */
import { LOCAL_LEDGER_TABLE } from '../local-ledger.ts';

export interface LocalEndpoints {
  ivs: string;
  dynamodb?: string;
}

export interface GuardEnvironment {
  policiesPath: string;
  region: string;
  /** Plan only: no action is taken and nothing is published to AWS (`--live` without `--apply`). */
  planOnly?: boolean;
  /** With real AWS: the deployed stage whose audit bus and ledger table `--apply` uses. */
  stage?: string;
  /** With real AWS: the ledger table, when it is not the stage's `ivs-guard-ledger-STAGE` (`--table`). */
  table?: string;
  logLevel?: string;
  /** `IVS_GUARD_RATE_SHARE` of the handlers' pacer: the emulator's quota multiplier, `off` when it has none. */
  rateShare?: string;
}

/** Sets the variables; returns a function that puts the previous values back. */
export function applyEnvironment(endpoints: LocalEndpoints | undefined, settings: GuardEnvironment): () => void {
  const values: Record<string, string | undefined> = {
    IVS_GUARD_POLICIES: settings.policiesPath,
    IVS_GUARD_CLOCK: 'event-time',
    IVS_GUARD_AUDIT_BUS: endpoints ? 'ivs-guard-audit-local' : `ivs-guard-audit-${settings.stage ?? 'dev'}`,
    IVS_GUARD_TABLE: endpoints ? LOCAL_LEDGER_TABLE : (settings.table ?? `ivs-guard-ledger-${settings.stage ?? 'dev'}`),
    IVS_GUARD_PLAN_ONLY: settings.planOnly ? '1' : undefined,
    IVS_GUARD_RATE_SHARE: settings.rateShare,
    POWERTOOLS_LOG_LEVEL: settings.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_DEV: 'true',
    AWS_REGION: settings.region,
    ...(endpoints
      ? {
          AWS_ENDPOINT_URL_IVS: endpoints.ivs,
          AWS_ENDPOINT_URL_IVS_REALTIME: endpoints.ivs,
          AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.ivs,
          AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
          // The emulator accepts any signature; these keep the default chain from looking further.
          AWS_ACCESS_KEY_ID: 'AKIDLOCALREPLAY',
          AWS_SECRET_ACCESS_KEY: 'local-replay-secret',
          AWS_SESSION_TOKEN: undefined,
          AWS_PROFILE: undefined,
        }
      : {}),
  };
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  set(values);
  return () => set(previous);
}

function set(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
