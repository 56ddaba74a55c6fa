/**
 * Checks an EventBridge event pattern against the content-filtering language of the EventBridge
 * user guide and compiles it into conditions the matcher walks. Every mistake is reported, each
 * one naming where it is (`detail.state[0].prefix: ...`).
 */
import { isRecord } from '../../domain/defined.ts';
import { describeValue } from '../../domain/wording.ts';
import { parseCidr } from './cidr.ts';
import { isComparableNumber, parseNumericRange } from './numeric.ts';
import type { Exclusion, ValueMatcher } from './value-matcher.ts';
import { parseWildcard, type Wildcard } from './wildcard.ts';

/** A field of the event: the values it may hold, and whether its absence also satisfies it. */
export interface FieldCondition {
  readonly kind: 'field';
  /** Keys from the event root to the field. */
  readonly path: readonly string[];
  /** Any one of them, matched by one value of the field, satisfies the condition. */
  readonly matchers: readonly ValueMatcher[];
  /** `{"exists": false}` is among the values: a missing field also satisfies the condition. */
  readonly allowAbsent: boolean;
}

/** `$or`: one of the alternatives, each a list of conditions that must all hold. */
export interface OrCondition {
  readonly kind: 'or';
  readonly alternatives: readonly (readonly Condition[])[];
}

/** One condition of a compiled pattern. */
export type Condition = FieldCondition | OrCondition;

/** A valid pattern, compiled: all of its conditions must hold. */
export interface CompiledPattern {
  readonly conditions: readonly Condition[];
}

/** The outcome of {@link compilePattern}. */
export type PatternCompilation =
  | { readonly ok: true; readonly pattern: CompiledPattern }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The operator names of the content-filtering language. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'cidr',
  'exists',
]);

const ANYTHING_BUT_FORMS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'] as const;
type AnythingButForm = (typeof ANYTHING_BUT_FORMS)[number];

type JsonRecord = Readonly<Record<string, unknown>>;

/** A value as a pattern's author wrote it: `the string "x"`, `number 5`, `an array`. */
const typeName = (value: unknown): string => describeValue(value, 'json');

function isAnythingButForm(name: string): name is AnythingButForm {
  return (ANYTHING_BUT_FORMS as readonly string[]).includes(name);
}

/** What one entry of a value array compiles to. */
type Entry = { readonly matcher: ValueMatcher } | { readonly exists: boolean };

class Compiler {
  readonly errors: string[] = [];

  fail(where: string, message: string): undefined {
    this.errors.push(`${where}: ${message}`);
    return undefined;
  }

  object(value: JsonRecord, path: readonly string[], where: string, insideOr: boolean): Condition[] {
    const entries = Object.entries(value);
    if (entries.length === 0) this.fail(where || 'pattern', 'must not be an empty object');
    const conditions: Condition[] = [];
    for (const [key, child] of entries) {
      const childWhere = where === '' ? key : `${where}.${key}`;
      if (key === '$or') {
        const or = this.or(child, path, childWhere);
        if (or !== undefined) conditions.push(or);
        continue;
      }
      if (insideOr && OPERATOR_NAMES.has(key)) {
        this.fail(childWhere, `"${key}" is an operator name and cannot be a field name inside $or`);
      }
      if (isRecord(child)) {
        conditions.push(...this.object(child, [...path, key], childWhere, insideOr));
      } else if (Array.isArray(child)) {
        const field = this.field(child, [...path, key], childWhere);
        if (field !== undefined) conditions.push(field);
      } else {
        this.fail(childWhere, `must be an object (nested fields) or an array (values to match), got ${typeName(child)}`);
      }
    }
    return conditions;
  }

  or(value: unknown, path: readonly string[], where: string): OrCondition | undefined {
    if (!Array.isArray(value) || value.length < 2) {
      const got = Array.isArray(value) ? `${value.length} element${value.length === 1 ? '' : 's'}` : typeName(value);
      return this.fail(where, `must be an array of at least 2 objects, got ${got}`);
    }
    const items: readonly unknown[] = value;
    const alternatives = items.map((item, index) => {
      const itemWhere = `${where}[${index}]`;
      if (!isRecord(item)) {
        this.fail(itemWhere, `must be an object, got ${typeName(item)}`);
        return [];
      }
      return this.object(item, path, itemWhere, true);
    });
    return { kind: 'or', alternatives };
  }

  field(values: readonly unknown[], path: readonly string[], where: string): FieldCondition | undefined {
    if (values.length === 0) return this.fail(where, 'must not be an empty array');
    const matchers: ValueMatcher[] = [];
    let allowAbsent = false;
    values.forEach((value, index) => {
      const entry = this.entry(value, `${where}[${index}]`);
      if (entry === undefined) return;
      if ('matcher' in entry) matchers.push(entry.matcher);
      else if (entry.exists) matchers.push({ kind: 'present' });
      else allowAbsent = true;
    });
    return { kind: 'field', path, matchers, allowAbsent };
  }

  entry(value: unknown, where: string): Entry | undefined {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
      return { matcher: { kind: 'equals', value } };
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return this.fail(where, 'a number to match must be finite');
      return { matcher: { kind: 'equals', value } };
    }
    if (isRecord(value)) return this.operator(value, where);
    return this.fail(where, `a value to match must be a string, number, true, false, null or an operator object, got ${typeName(value)}`);
  }

  operator(value: JsonRecord, where: string): Entry | undefined {
    const names = Object.keys(value);
    const [name] = names;
    if (name === undefined || names.length !== 1) {
      return this.fail(where, `an operator object has exactly one key, got ${names.length}${names.length > 0 ? ` (${names.join(', ')})` : ''}`);
    }
    const operand = value[name];
    const at = `${where}.${name}`;
    switch (name) {
      case 'prefix':
      case 'suffix':
        return this.affix(name, operand, at);
      case 'equals-ignore-case':
        if (typeof operand !== 'string') return this.fail(at, `must be a string, got ${typeName(operand)}`);
        return { matcher: { kind: 'equals-ignore-case', value: operand } };
      case 'wildcard': {
        const wildcard = this.wildcard(operand, at);
        return wildcard === undefined ? undefined : { matcher: { kind: 'wildcard', wildcard } };
      }
      case 'numeric': {
        const parsed = parseNumericRange(operand);
        return parsed.ok ? { matcher: { kind: 'numeric', range: parsed.range } } : this.fail(at, parsed.error);
      }
      case 'cidr': {
        if (typeof operand !== 'string') return this.fail(at, `must be a string such as "10.0.0.0/24", got ${typeName(operand)}`);
        const parsed = parseCidr(operand);
        return parsed.ok ? { matcher: { kind: 'cidr', block: parsed.block } } : this.fail(at, parsed.error);
      }
      case 'exists':
        if (typeof operand !== 'boolean') return this.fail(at, `must be true or false, got ${typeName(operand)}`);
        return { exists: operand };
      case 'anything-but': {
        const exclusion = this.anythingBut(operand, at);
        return exclusion === undefined ? undefined : { matcher: { kind: 'anything-but', exclusion } };
      }
      default:
        return this.fail(where, `unknown operator "${name}" (the operators are ${[...OPERATOR_NAMES].join(', ')})`);
    }
  }

  affix(name: 'prefix' | 'suffix', operand: unknown, at: string): Entry | undefined {
    if (typeof operand === 'string') return { matcher: { kind: name, value: operand, ignoreCase: false } };
    if (isRecord(operand)) {
      const keys = Object.keys(operand);
      const text = operand['equals-ignore-case'];
      if (keys.length === 1 && typeof text === 'string') return { matcher: { kind: name, value: text, ignoreCase: true } };
    }
    return this.fail(at, `must be a string or {"equals-ignore-case": string}, got ${typeName(operand)}`);
  }

  wildcard(operand: unknown, at: string): Wildcard | undefined {
    if (typeof operand !== 'string') return this.fail(at, `must be a string, got ${typeName(operand)}`);
    const parsed = parseWildcard(operand);
    return parsed.ok ? parsed.wildcard : this.fail(at, `${JSON.stringify(operand)}: ${parsed.error}`);
  }

  anythingBut(operand: unknown, at: string): Exclusion | undefined {
    if (typeof operand === 'string') return { kind: 'strings', values: [operand] };
    if (typeof operand === 'number') return this.anythingButNumbers([operand], at);
    if (Array.isArray(operand)) return this.anythingButList(operand, at);
    if (isRecord(operand)) return this.anythingButForm(operand, at);
    return this.fail(at, `must be a string, a number, a list of strings or of numbers, or an object with one of ${ANYTHING_BUT_FORMS.join(', ')}; got ${typeName(operand)}`);
  }

  anythingButNumbers(values: readonly number[], at: string): Exclusion | undefined {
    const outside = values.find((value) => !isComparableNumber(value));
    if (outside !== undefined) return this.fail(at, `${outside} is outside the range numeric matching handles (-5.0e9 to +5.0e9)`);
    return { kind: 'numbers', values };
  }

  anythingButList(values: readonly unknown[], at: string): Exclusion | undefined {
    if (values.length === 0) return this.fail(at, 'must not be an empty list');
    const strings = values.filter((value): value is string => typeof value === 'string');
    const numbers = values.filter((value): value is number => typeof value === 'number');
    const other = values.find((value) => typeof value !== 'string' && typeof value !== 'number');
    if (other !== undefined) return this.fail(at, `a list may hold only strings or only numbers, got ${typeName(other)}`);
    if (strings.length > 0 && numbers.length > 0) return this.fail(at, 'a list may hold only strings or only numbers, not both');
    return strings.length > 0 ? { kind: 'strings', values: strings } : this.anythingButNumbers(numbers, at);
  }

  anythingButForm(operand: JsonRecord, at: string): Exclusion | undefined {
    const names = Object.keys(operand);
    const [name] = names;
    if (name === undefined || names.length !== 1 || !isAnythingButForm(name)) {
      return this.fail(at, `an object here has exactly one of ${ANYTHING_BUT_FORMS.join(', ')}; got ${names.length === 0 ? 'none' : names.join(', ')}`);
    }
    const formAt = `${at}.${name}`;
    const raw = operand[name];
    const items: readonly unknown[] | undefined = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
    if (items === undefined || items.length === 0 || !items.every((item): item is string => typeof item === 'string')) {
      return this.fail(formAt, `must be a string or a non-empty list of strings, got ${typeName(raw)}`);
    }
    const values = items;
    if ((name === 'prefix' || name === 'suffix') && values.includes('')) {
      return this.fail(formAt, `an empty ${name} is not allowed`);
    }
    if (name !== 'wildcard') return { kind: name, values };
    const wildcards: Wildcard[] = [];
    for (const text of values) {
      const wildcard = this.wildcard(text, formAt);
      if (wildcard === undefined) return undefined;
      wildcards.push(wildcard);
    }
    return { kind: 'wildcard', values: wildcards };
  }
}

/**
 * Validates and compiles an event pattern (the parsed JSON). The pattern is an object whose keys
 * name event fields: a nested object goes one level down, an array lists the values any one of
 * which matches, and `$or` lists alternative objects.
 */
export function compilePattern(pattern: unknown): PatternCompilation {
  const compiler = new Compiler();
  if (!isRecord(pattern)) return { ok: false, errors: [`pattern: must be a JSON object, got ${typeName(pattern)}`] };
  const conditions = compiler.object(pattern, [], '', false);
  if (compiler.errors.length > 0) return { ok: false, errors: compiler.errors };
  return { ok: true, pattern: { conditions } };
}
