/**
 * Last line of defence against secrets in what the guard writes out (audit events, reports):
 * IVS stream key values, JWT-like playback tokens and PEM private keys are replaced by a marker.
 */
import { finalError } from '../domain/errors.ts';

/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

const SECRET_PATTERNS: readonly RegExp[] = [
  // IVS stream key value: sk_<region>_<key>, e.g. sk_us-west-2_abcd1234.
  /\bsk_[a-z]{2}(?:-[a-z0-9]+)+_[A-Za-z0-9_-]+/g,
  // JWT (playback or participant token): three base64url segments, the header starting `eyJ` (`{"`).
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  // PEM private key (playback key pair).
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** Whether `text` contains anything that looks like a secret. */
export function containsSecret(text: string): boolean {
  return SECRET_PATTERNS.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });
}

/** `text` with every secret-looking run replaced by `[REDACTED]`. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

/** A copy of `value` with `redact` applied to every string in it (object keys included). */
export function redactDeep<T>(value: T): T {
  return redactValue(value) as T;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redact(key), redactValue(inner)]));
  }
  return value;
}

/**
 * Throws a final `GuardError` if `text` still contains a secret. `where` names the output
 * (e.g. `audit entry for event abc`); the secret itself is never part of the message.
 */
export function assertNoSecrets(text: string, where: string): void {
  if (containsSecret(text)) throw finalError(`Refusing to write ${where}: it contains a secret-looking value`, 'SecretDetected');
}
