/**
 * Plain values as the rest of the code meets them: a mapping read from JSON or YAML, and objects whose absent
 * optional members must be left out, never set to `undefined` (`exactOptionalPropertyTypes`).
 *
 * @example
 * withDefined({ code: detail.code, reason: undefined }); // { code: 'StreamTakeoverInvalidPriority' }
 * isRecord(JSON.parse(body));                             // false for an array, null or a string
 */

/** `value` without its `undefined` (and `null`) members, so optional properties stay absent. */
export function withDefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined | null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as { [K in keyof T]?: Exclude<T[K], undefined | null> };
}

/** A mapping (JSON object, YAML map): not null, not an array, not a Date a YAML timestamp became. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `T` with the members `K` required and never `undefined`: an API shape whose members a producer always sets. */
export type WithRequired<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };
