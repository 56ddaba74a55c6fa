/**
 * Errors that say whether to retry. Adapters translate SDK errors into these;
 * the pipeline fails a record (so SQS retries it) only for a transient error.
 */

export type ErrorClass = 'final' | 'transient';

export class GuardError extends Error {
  override readonly name = 'GuardError';
  constructor(
    message: string,
    readonly errorClass: ErrorClass,
    /** The service's error code (e.g. `ThrottlingException`), when there is one. */
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get retryable(): boolean {
    return this.errorClass === 'transient';
  }
}

export const finalError = (message: string, code?: string, cause?: unknown) => new GuardError(message, 'final', code, { cause });
export const transientError = (message: string, code?: string, cause?: unknown) => new GuardError(message, 'transient', code, { cause });

/** Unknown errors are treated as transient: retrying is safer than dropping. */
export function isRetryable(error: unknown): boolean {
  return error instanceof GuardError ? error.retryable : true;
}
