/**
 * `{ [key]: value }` when the value is there, `{}` when it is `undefined` or `null`: with
 * `exactOptionalPropertyTypes`, an absent optional field must be left out, never set to undefined.
 */
export function present<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value === undefined || value === null ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}
