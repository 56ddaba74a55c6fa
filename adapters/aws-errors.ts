/**
 * Translates what the AWS SDK throws into a `GuardError` that says whether a retry can help.
 *
 * Messages are built from the operation, the error code, the HTTP status and the request id only:
 * never from the request, and never from the service's own message, which for validation errors
 * can echo the values sent (metadata text, viewer ids).
 */
import { GuardError, finalError, transientError } from '../domain/errors.ts';

/** Codes that mean the request itself is wrong or not allowed: retrying cannot help. */
export const FINAL_CODES: ReadonlySet<string> = new Set([
  'ValidationException',
  'AccessDeniedException',
  'ResourceNotFoundException',
  'PendingVerification',
  'ServiceQuotaExceededException',
  'ConflictException',
  // IVS: the channel is off the air. Callers that treat it as success (StopStream) catch it first.
  'ChannelNotBroadcasting',
]);

/** Codes that mean "try again later": throttling and server faults, under the names AWS services use. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'InternalServerException',
  'InternalServerError',
  'InternalFailure',
  'InternalException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'StreamUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Socket-level failures (Node `error.code`): the request may never have reached the service. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface ErrorFacts {
  code?: string;
  httpStatus?: number;
  requestId?: string;
  isServiceError: boolean;
}

function readFacts(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { isServiceError: false };
  const e = error as { name?: unknown; code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown; requestId?: unknown } };
  const isServiceError = e.$fault === 'client' || e.$fault === 'server';
  const nodeCode = typeof e.code === 'string' && NETWORK_CODES.has(e.code) ? e.code : undefined;
  const name = typeof e.name === 'string' && e.name !== 'Error' ? e.name : undefined;
  const code = nodeCode ?? name ?? (typeof e.code === 'string' ? e.code : undefined);
  const facts: ErrorFacts = { isServiceError };
  if (code !== undefined) facts.code = code;
  if (typeof e.$metadata?.httpStatusCode === 'number') facts.httpStatus = e.$metadata.httpStatusCode;
  if (typeof e.$metadata?.requestId === 'string') facts.requestId = e.$metadata.requestId;
  return facts;
}

/** The error's code (`ResourceNotFoundException`, `ECONNRESET`, …), or `undefined`. */
export function errorCodeOf(error: unknown): string | undefined {
  return readFacts(error).code;
}

/**
 * Whether a code names a condition worth retrying. Accepts service error names and, because
 * per-entry batch errors are free-form strings, HTTP status codes written as numbers ("429", "503").
 */
export function isRetryableCode(code: string | undefined): boolean {
  if (code === undefined) return true;
  if (FINAL_CODES.has(code)) return false;
  if (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code)) return true;
  if (/^\d{3}$/.test(code)) return code === '429' || code.startsWith('5');
  return /thrott|internal|unavailable|timeout|toomanyrequests/i.test(code);
}

function classify(facts: ErrorFacts): 'final' | 'transient' {
  const { code, httpStatus } = facts;
  if (code !== undefined && FINAL_CODES.has(code)) return 'final';
  if (code !== undefined && (TRANSIENT_CODES.has(code) || NETWORK_CODES.has(code))) return 'transient';
  if (httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500)) return 'transient';
  // Unknown: retrying is safer than dropping (see domain/errors.ts).
  return 'transient';
}

/**
 * Wraps any thrown value in a `GuardError`. `operation` names what was attempted, e.g. `IVS StopStream`.
 * A `GuardError` passes through unchanged. The original error is kept as `cause` only for socket
 * errors and timeouts: a service error carries the service's message, and a deserialization error
 * can carry the response body (`$responseBodyText`, or a JSON.parse snippet), which may hold a secret.
 */
export function toGuardError(error: unknown, operation: string): GuardError {
  if (error instanceof GuardError) return error;
  const facts = readFacts(error);
  const details = [facts.httpStatus !== undefined ? `HTTP ${facts.httpStatus}` : undefined, facts.requestId !== undefined ? `request id ${facts.requestId}` : undefined]
    .filter((part): part is string => part !== undefined)
    .join(', ');
  const code = facts.code ?? 'UnknownError';
  const message = `${operation} failed: ${code}${details ? ` (${details})` : ''}`;
  const safeCause = !facts.isServiceError && (NETWORK_CODES.has(code) || code === 'TimeoutError') ? error : undefined;
  return classify(facts) === 'final' ? finalError(message, code, safeCause) : transientError(message, code, safeCause);
}

/** Runs one SDK call, turning whatever it throws into a `GuardError` for `operation`. */
export async function guarded<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toGuardError(error, operation);
  }
}

/** The part of an SDK command `noteUnanswered` uses. */
interface WithMiddleware {
  middlewareStack: {
    add(middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>, options: { step: 'deserialize'; name: string }): void;
  };
}

/**
 * Notes whether an attempt of `command` (each of the SDK's retries) got no answer at all (the connection dropped, a
 * timeout): IVS may have applied it, and the retry meets the consequence. Add it before the command is sent.
 */
export function noteUnanswered(command: object): { unanswered: boolean } {
  const attempts = { unanswered: false };
  (command as WithMiddleware).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === undefined) attempts.unanswered = true;
        throw error;
      }
    },
    { step: 'deserialize', name: 'ivsGuardNoteUnanswered' },
  );
  return attempts;
}
