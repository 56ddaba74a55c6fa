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
    // A loop, not Object.fromEntries over mapped and filtered entries: a session's 500 events go through here.
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const inner = convert((value as Record<string, unknown>)[key]);
      if (inner === undefined) continue;
      // A tag named __proto__ stays a property, as Object.fromEntries kept it.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true, writable: true, configurable: true });
      else copy[key] = inner;
    }
    return copy;
  }
  return value;
}
