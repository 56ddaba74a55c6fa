/**
 * The AWS SDK clients of a container, created once on first use and reused by every invocation.
 *
 * No endpoint is set here: the SDK reads `AWS_ENDPOINT_URL_IVS`, `AWS_ENDPOINT_URL_IVS_REALTIME`,
 * `AWS_ENDPOINT_URL_EVENTBRIDGE`, `AWS_ENDPOINT_URL_DYNAMODB` (and `AWS_ENDPOINT_URL`) itself, from
 * the service id of each client, at the first request. Only the client classes are imported, so the
 * bundler can leave the commands nobody uses out of the cold start.
 */
import { IvsClient } from '@aws-sdk/client-ivs';
import { IVSRealTimeClient } from '@aws-sdk/client-ivs-realtime';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PacedRetryStrategy } from './backoff.ts';
import { limitsOf, Pacer, rateShareFromEnv } from './pacer.ts';

/** Attempts per call (first try included) when `AWS_MAX_ATTEMPTS` is unset or not a positive integer. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Without these the Node handler waits forever on a silent socket and the Lambda times out instead;
 * `throwOnRequestTimeout` makes the request timeout an error (a transient `TimeoutError`) rather than a warning.
 */
const REQUEST_HANDLER = { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true } as const;

/** `AWS_MAX_ATTEMPTS` as a positive integer, or the default. */
export function maxAttemptsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AWS_MAX_ATTEMPTS;
  const parsed = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : DEFAULT_MAX_ATTEMPTS;
}

/**
 * The configuration every client shares: `PacedRetryStrategy` (bounded, jittered, stateless retries).
 * `IVS_GUARD_RETRY=sdk-adaptive` brings back the SDK's adaptive mode, only so the bench can show the two
 * side by side.
 */
export function clientConfig(env: NodeJS.ProcessEnv = process.env) {
  const maxAttempts = maxAttemptsFromEnv(env);
  if (env.IVS_GUARD_RETRY === 'sdk-adaptive') return { retryMode: 'adaptive', maxAttempts, requestHandler: REQUEST_HANDLER } as const;
  return { retryStrategy: new PacedRetryStrategy(maxAttempts), maxAttempts, requestHandler: REQUEST_HANDLER } as const;
}

/** The one pacer of the container, shared by the IVS and IVS real-time clients; `undefined` when off. */
let pacer: Pacer | undefined;
let pacerBuilt = false;

/** The container's pacer, built from `IVS_GUARD_RATE_SHARE` on first use (its error names the variable). */
export function getPacer(): Pacer | undefined {
  if (!pacerBuilt) {
    const share = rateShareFromEnv();
    pacer = share === undefined ? undefined : new Pacer(share);
    pacerBuilt = true;
  }
  return pacer;
}

interface MiddlewareClient {
  middlewareStack: {
    addRelativeTo(
      middleware: (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: unknown }) => Promise<unknown>,
      options: { relation: 'after'; toMiddleware: string; name: string },
    ): void;
    remove(name: string): boolean;
  };
}

/**
 * The SDK's logger middleware copies every input and output through the model's sensitive-data filter to
 * hand them to the client's logger, and does so before calling it, even for the no-op logger a client without
 * `logger` has (about 2% of a replay's CPU). No client here has a logger, so the middleware goes.
 */
function withoutSdkLogging<C>(client: C): C {
  (client as unknown as MiddlewareClient).middlewareStack.remove('loggerMiddleware');
  return client;
}

/**
 * Every attempt of every command of `client` (after the retry middleware, so each retry too) waits for
 * its slot in the container's pacer, keyed by the operation (`StopStreamCommand` → `StopStream`).
 */
function paced<C>(client: C): C {
  const shared = getPacer();
  if (!shared) return client;
  (client as unknown as MiddlewareClient).middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const input = typeof args.input === 'object' && args.input !== null ? (args.input as Record<string, unknown>) : {};
      await shared.acquire(limitsOf(operation, input));
      return next(args);
    },
    { relation: 'after', toMiddleware: 'retryMiddleware', name: 'ivsGuardPacer' },
  );
  return client;
}

let ivs: IvsClient | undefined;
let ivsRealtime: IVSRealTimeClient | undefined;
let eventBridge: EventBridgeClient | undefined;
let dynamo: DynamoDBClient | undefined;

/** The IVS (low-latency streaming) client, paced at the documented quotas. */
export function getIvsClient(): IvsClient {
  return (ivs ??= paced(withoutSdkLogging(new IvsClient(clientConfig()))));
}

/** The IVS real-time (stages) client, paced at the documented quotas. */
export function getIvsRealtimeClient(): IVSRealTimeClient {
  return (ivsRealtime ??= paced(withoutSdkLogging(new IVSRealTimeClient(clientConfig()))));
}

/** The EventBridge client (audit bus). */
export function getEventBridgeClient(): EventBridgeClient {
  return (eventBridge ??= withoutSdkLogging(new EventBridgeClient(clientConfig())));
}

/** The DynamoDB client (ledger). */
export function getDynamoClient(): DynamoDBClient {
  return (dynamo ??= withoutSdkLogging(new DynamoDBClient(clientConfig())));
}

/** Destroys the clients (closing their sockets) so the next `get…` builds new ones from the current environment. */
export function resetClients(): void {
  for (const client of [ivs, ivsRealtime, eventBridge, dynamo]) client?.destroy();
  ivs = ivsRealtime = eventBridge = dynamo = undefined;
  pacer = undefined;
  pacerBuilt = false;
}
