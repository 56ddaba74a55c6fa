/**
 * The `numeric` operator: a comparison, or a range of a lower and an upper bound.
 *
 * EventBridge user guide, "Numeric matching": "Numeric matching works with values that are JSON
 * numbers. It is limited to values between -5.0e9 and +5.0e9 inclusive, with 15 digits of
 * precision, or six digits to the right of the decimal point." So a pattern bound outside that
 * range is refused, an event number outside it never satisfies a numeric comparison, and numbers
 * are compared after rounding to six decimal places.
 */
import { describeValue } from '../../domain/wording.ts';

/** The largest magnitude numeric matching handles. */
export const NUMERIC_LIMIT = 5.0e9;

/** One end of a range. */
export interface NumericBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** A numeric condition: `=` is a range whose two ends are the same inclusive value. */
export interface NumericRange {
  readonly lower?: NumericBound;
  readonly upper?: NumericBound;
}

/** Whether a number lies in the range numeric matching handles. */
export function isComparableNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= NUMERIC_LIMIT;
}

/** The number in millionths: exact for every comparable number (5e15 < 2^53). */
function toMillionths(value: number): number {
  return Math.round(value * 1e6);
}

/** Whether two comparable numbers are equal at the six-decimal precision numeric matching uses. */
export function numbersEqual(left: number, right: number): boolean {
  return left === right || (isComparableNumber(left) && isComparableNumber(right) && toMillionths(left) === toMillionths(right));
}

/** Whether the event number satisfies the range. */
export function inNumericRange(range: NumericRange, value: number): boolean {
  if (!isComparableNumber(value)) return false;
  const scaled = toMillionths(value);
  const { lower, upper } = range;
  if (lower !== undefined) {
    const bound = toMillionths(lower.value);
    if (lower.inclusive ? scaled < bound : scaled <= bound) return false;
  }
  if (upper !== undefined) {
    const bound = toMillionths(upper.value);
    if (upper.inclusive ? scaled > bound : scaled >= bound) return false;
  }
  return true;
}

/** The outcome of {@link parseNumericRange}. */
export type NumericParse = { readonly ok: true; readonly range: NumericRange } | { readonly ok: false; readonly error: string };

const LOWER_OPERATORS = new Set(['>', '>=']);
const UPPER_OPERATORS = new Set(['<', '<=']);
const OPERATORS = new Set(['=', ...LOWER_OPERATORS, ...UPPER_OPERATORS]);

/** A value as a pattern's author wrote it: `the string "x"`, `number 5`, `nothing`. */
const describe = (value: unknown): string => describeValue(value, 'json');

function bound(operator: string, value: unknown): NumericBound | string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `the value after "${operator}" must be a number, got ${describe(value)}`;
  }
  if (!isComparableNumber(value)) {
    return `${value} is outside the range numeric matching handles (-5.0e9 to +5.0e9)`;
  }
  return { value, inclusive: operator.length === 2 || operator === '=' };
}

/**
 * Parses the operand of `numeric`: `["=", n]`, `[">"|">="|"<"|"<=", n]`, or a range
 * `[">"|">=", low, "<"|"<=", high]` with low below high, as the user guide's
 * `"c-count": [ { "numeric": [ ">", 0, "<=", 5 ] } ]` shows.
 */
export function parseNumericRange(operand: unknown): NumericParse {
  if (!Array.isArray(operand)) return { ok: false, error: `must be an array such as [">", 0, "<=", 5], got ${describe(operand)}` };
  const items: readonly unknown[] = operand;
  const [first, firstValue, second, secondValue] = items;
  if (typeof first !== 'string' || !OPERATORS.has(first)) {
    return { ok: false, error: `must start with one of =, <, <=, >, >=; got ${describe(first)}` };
  }
  const firstBound = bound(first, firstValue);
  if (typeof firstBound === 'string') return { ok: false, error: firstBound };
  if (items.length === 2) {
    if (first === '=') return { ok: true, range: { lower: firstBound, upper: firstBound } };
    return { ok: true, range: LOWER_OPERATORS.has(first) ? { lower: firstBound } : { upper: firstBound } };
  }
  if (!LOWER_OPERATORS.has(first)) {
    return { ok: false, error: `only a lower bound (">" or ">=") may be followed by an upper bound; "${first}" takes one value` };
  }
  if (items.length !== 4) return { ok: false, error: `a range has 4 elements (">", low, "<=", high), got ${items.length}` };
  if (typeof second !== 'string' || !UPPER_OPERATORS.has(second)) {
    return { ok: false, error: `the upper bound of a range must use "<" or "<=", got ${describe(second)}` };
  }
  const secondBound = bound(second, secondValue);
  if (typeof secondBound === 'string') return { ok: false, error: secondBound };
  if (secondBound.value <= firstBound.value) {
    return { ok: false, error: `the lower bound ${firstBound.value} must be less than the upper bound ${secondBound.value}` };
  }
  return { ok: true, range: { lower: firstBound, upper: secondBound } };
}
