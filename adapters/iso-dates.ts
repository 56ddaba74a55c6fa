/**
 * SDK responses carry `Date` objects and explicit `undefined`s; the domain wants ISO strings and absent keys.
 */

/** `T` with every `Date` turned into a string and `undefined` removed from property types. */
export type IsoDates<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? IsoDates<Item>[]
    : T extends object
      ? { [K in keyof T]: IsoDates<Exclude<T[K], undefined>> }
      : T;

/** A deep copy of `value` with dates as ISO 8601 strings and `undefined` properties dropped. */
export function isoDates<T>(value: T): IsoDates<T> {
  return convert(value) as IsoDates<T>;
}

function convert(value: unknown): unknown {
  // An unparsable timestamp becomes absent rather than a RangeError.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, inner]) => [key, convert(inner)] as const)
        .filter(([, inner]) => inner !== undefined),
    );
  }
  return value;
}
