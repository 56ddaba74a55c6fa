/**
 * One entry of a pattern's value array, compiled, and the test of one event value against it.
 *
 * EventBridge compares JSON values by type: the string "5" is not the number 5, null is not "",
 * and string operators (prefix, suffix, equals-ignore-case, wildcard, cidr) only ever match
 * strings. User guide, "Matching null values and empty strings": "Null values and empty strings
 * are not interchangeable in pattern matching."
 */
import { cidrContains, type CidrBlock } from './cidr.ts';
import { inNumericRange, numbersEqual, type NumericRange } from './numeric.ts';
import { matchesWildcard, type Wildcard } from './wildcard.ts';

/** A scalar JSON value: what an event field holds at a leaf. */
export type LeafValue = string | number | boolean | null;

/** What `anything-but` excludes. */
export type Exclusion =
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'numbers'; readonly values: readonly number[] }
  | { readonly kind: 'prefix'; readonly values: readonly string[] }
  | { readonly kind: 'suffix'; readonly values: readonly string[] }
  | { readonly kind: 'equals-ignore-case'; readonly values: readonly string[] }
  | { readonly kind: 'wildcard'; readonly values: readonly Wildcard[] };

/** A compiled value matcher; `exists` is not one (it is about the field, not a value). */
export type ValueMatcher =
  | { readonly kind: 'equals'; readonly value: LeafValue }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly wildcard: Wildcard }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'cidr'; readonly block: CidrBlock }
  | { readonly kind: 'anything-but'; readonly exclusion: Exclusion }
  /** `{"exists": true}`: any value, null included, makes the field present. */
  | { readonly kind: 'present' };

function lower(text: string): string {
  return text.toLowerCase();
}

function equalsValue(expected: LeafValue, actual: LeafValue): boolean {
  if (typeof expected === 'number') return typeof actual === 'number' && numbersEqual(expected, actual);
  return expected === actual;
}

/** Whether the exclusion covers the value; values of another type are never covered. */
function isExcluded(exclusion: Exclusion, value: LeafValue): boolean {
  switch (exclusion.kind) {
    case 'numbers':
      return typeof value === 'number' && exclusion.values.some((excluded) => numbersEqual(excluded, value));
    case 'strings':
      return typeof value === 'string' && exclusion.values.includes(value);
    case 'prefix':
      return typeof value === 'string' && exclusion.values.some((prefix) => value.startsWith(prefix));
    case 'suffix':
      return typeof value === 'string' && exclusion.values.some((suffix) => value.endsWith(suffix));
    case 'equals-ignore-case':
      return typeof value === 'string' && exclusion.values.some((excluded) => lower(excluded) === lower(value));
    case 'wildcard':
      return typeof value === 'string' && exclusion.values.some((wildcard) => matchesWildcard(wildcard, value));
  }
}

/** Whether one event value (a leaf: string, number, boolean or null) satisfies the matcher. */
export function matchesValue(matcher: ValueMatcher, value: LeafValue): boolean {
  switch (matcher.kind) {
    case 'present':
      return true;
    case 'equals':
      return equalsValue(matcher.value, value);
    case 'prefix':
      return typeof value === 'string' && (matcher.ignoreCase ? lower(value).startsWith(lower(matcher.value)) : value.startsWith(matcher.value));
    case 'suffix':
      return typeof value === 'string' && (matcher.ignoreCase ? lower(value).endsWith(lower(matcher.value)) : value.endsWith(matcher.value));
    case 'equals-ignore-case':
      return typeof value === 'string' && lower(value) === lower(matcher.value);
    case 'wildcard':
      return typeof value === 'string' && matchesWildcard(matcher.wildcard, value);
    case 'numeric':
      return typeof value === 'number' && inNumericRange(matcher.range, value);
    case 'cidr':
      return typeof value === 'string' && cidrContains(matcher.block, value);
    case 'anything-but':
      // "Anything-but matching matches anything except what's provided in the rule": null, booleans
      // and values of the other type are not what was provided, so they match.
      return !isExcluded(matcher.exclusion, value);
  }
}
