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

/** Attempts per call (first try included) when `AWS_MAX_ATTEMPTS` is unset or not a positive integer. */
export const DEFAULT_MAX_ATTEMPTS = 3;

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

/** The configuration every client shares: adaptive retries (client-side rate limiting on throttling). */
export function clientConfig() {
  return { retryMode: 'adaptive', maxAttempts: maxAttemptsFromEnv(), requestHandler: REQUEST_HANDLER } as const;
}

let ivs: IvsClient | undefined;
let ivsRealtime: IVSRealTimeClient | undefined;
let eventBridge: EventBridgeClient | undefined;
let dynamo: DynamoDBClient | undefined;

/** The IVS (low-latency streaming) client. */
export function getIvsClient(): IvsClient {
  return (ivs ??= new IvsClient(clientConfig()));
}

/** The IVS real-time (stages) client. */
export function getIvsRealtimeClient(): IVSRealTimeClient {
  return (ivsRealtime ??= new IVSRealTimeClient(clientConfig()));
}

/** The EventBridge client (audit bus). */
export function getEventBridgeClient(): EventBridgeClient {
  return (eventBridge ??= new EventBridgeClient(clientConfig()));
}

/** The DynamoDB client (ledger). */
export function getDynamoClient(): DynamoDBClient {
  return (dynamo ??= new DynamoDBClient(clientConfig()));
}

/** Destroys the clients (closing their sockets) so the next `get…` builds new ones from the current environment. */
export function resetClients(): void {
  for (const client of [ivs, ivsRealtime, eventBridge, dynamo]) client?.destroy();
  ivs = ivsRealtime = eventBridge = dynamo = undefined;
}
