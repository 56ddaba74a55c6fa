/** Thrown when an event pattern is not valid; `errors` names each bad part. */
export class InvalidEventPatternError extends Error {
  /** One message per mistake, each starting with where it is (`detail.state[0].prefix: ...`). */
  readonly errors: readonly string[];

  constructor(errors: readonly string[]) {
    super(`Event pattern is not valid: ${errors.join('; ')}`);
    this.name = 'InvalidEventPatternError';
    this.errors = errors;
  }
}
