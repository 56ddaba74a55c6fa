/**
 * The families of the content-filtering language the pattern corpus covers (exact values, prefix, suffix,
 * equals-ignore-case, wildcard, anything-but in each form, numeric, cidr, exists, mixed), each a maker of one
 * field's pattern values and of event values that match or nearly match them, with the value pools they draw from.
 *
 * @example
 * ```ts
 * const field = FAMILIES.prefix(new SeededRandom(1));
 * // { family: 'prefix', values: [{ prefix: <an affix> }], near: [the affix, with text after it, before it, …] }
 * ```
 */
import type { SeededRandom } from './corpus-random.ts';
import { parseWildcard } from './wildcard.ts';

const STRINGS = [
  'running', 'Running', 'RUNNING', 'run', 'stopped', 'initializing', 'init', '', 'image.png', 'IMAGE.PNG',
  'dir/a.png', 'dir/sub/a.png', 'lib/x.js', 'src/lib/x.js', 'a*b', 'a\\b', 'abc', 'aXbYc', 'eventbridge',
  'EventBridge', 'us-east-1', 'eu-west-1', 'café', 'CAFÉ', 'null', 'true', '5', '100',
] as const;
const IPS = ['10.0.0.5', '10.0.0.255', '10.0.1.5', '192.168.1.20', '172.16.5.4', '2001:db8::1', '2001:DB8:0:0:0:0:0:ff', '2001:db9::1', '::1', 'not-an-ip', '10.0.0.256'] as const;
const NUMBERS = [0, 1, -1, 5, 5.5, 10, 100, 200, 300, 301.8, 1000000, -2.25, 0.25, 4999999999, -5000000000] as const;
const OUT_OF_RANGE = [6000000000, -7500000000] as const;
/** Every scalar an event value may be. */
export const SCALARS: readonly unknown[] = [...STRINGS, ...NUMBERS, null, true, false];

/** A pattern's value array for one field, and event values close to what it matches. */
export interface FieldSpec {
  readonly family: string;
  readonly values: readonly unknown[];
  /** Values that match or nearly match (tried most often); any scalar is tried too. */
  readonly near: readonly unknown[];
}

type SpecMaker = (random: SeededRandom) => FieldSpec;

const WILDCARDS = ['*.png', 'dir/*.png', '*/lib/*', 'a*b', 'a*b*c', '*', 'run*', '*ing', 'a\\*b', 'a\\\\b', 'e*t*e'] as const;
const CIDRS = ['10.0.0.0/24', '10.0.0.0/8', '192.168.0.0/16', '10.0.0.5/32', '2001:db8::/32', '2001:db8::/64', '0.0.0.0/0'] as const;
const AFFIXES = ['run', 'RUN', 'init', 'dir/', '.png', '.PNG', 'ing', 'us-', '1', 'é', 'caf'] as const;
const NUMERIC_RANGES: readonly (readonly [string, number, ...(string | number)[]])[] = [
  ['=', 5], ['=', 301.8], ['=', 0], ['<', 10], ['<=', 5], ['>', 0], ['>=', 100], ['>', 0, '<=', 5], ['>=', -1, '<', 1],
  ['>', 5, '<', 5.5], ['>=', 100, '<=', 300], ['>', -5000000000, '<', 5000000000], ['<=', -2.25],
];

function strings(random: SeededRandom, count: number): string[] {
  return random.sample(STRINGS, count);
}

function numbers(random: SeededRandom, count: number): number[] {
  return random.sample(NUMBERS, count);
}

function caseVariants(text: string): string[] {
  return [text, text.toUpperCase(), text.toLowerCase(), `${text}x`];
}

function affixVariants(affix: string): string[] {
  return [affix, `${affix}abc`, `abc${affix}`, `${affix.toUpperCase()}abc`, `abc${affix.toLowerCase()}`, `x${affix}x`];
}

/** Strings the wildcard matches (its pieces joined by fillers) and strings one character off. */
function wildcardVariants(wildcard: string): string[] {
  const parsed = parseWildcard(wildcard);
  if (!parsed.ok) return [];
  const matching = [parsed.wildcard.pieces.join(''), parsed.wildcard.pieces.join('xy/'), parsed.wildcard.pieces.join('Z')];
  return [...matching, ...matching.map((text) => `${text}!`), ...matching.map((text) => `!${text}`)];
}

/** Numbers on, inside and outside the bounds, plus values numeric matching never accepts. */
function numericVariants(range: readonly unknown[]): unknown[] {
  const [first, low = 0, , high] = range;
  const lowValue = typeof low === 'number' ? low : 0;
  const around =
    typeof high === 'number'
      ? [lowValue, high, (lowValue + high) / 2, (lowValue + high) / 2, lowValue - 1, high + 1]
      : first === '='
        ? [lowValue, lowValue, lowValue + 1, lowValue - 0.5]
        : first === '<' || first === '<='
          ? [lowValue, lowValue - 1, lowValue - 0.25, lowValue + 1]
          : [lowValue, lowValue + 1, lowValue + 0.25, lowValue - 1];
  return [...around, ...around, String(lowValue), true, ...OUT_OF_RANGE];
}

function oneOrSome<T>(random: SeededRandom, items: readonly T[]): T | T[] {
  return random.chance(0.5) ? random.pick(items) : random.sample(items, 2);
}

function listed(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** `prefix` or `suffix` matching, of the exact case or with `equals-ignore-case`. */
function affixFamily(operator: 'prefix' | 'suffix', ignoreCase: boolean): SpecMaker {
  return (random) => {
    const affix = random.pick(AFFIXES);
    return {
      family: ignoreCase ? `${operator}-equals-ignore-case` : operator,
      values: [{ [operator]: ignoreCase ? { 'equals-ignore-case': affix } : affix }],
      near: affixVariants(affix),
    };
  };
}

/** Each family of the content-filtering language and how to build one field of it. */
export const FAMILIES: Readonly<Record<string, SpecMaker>> = {
  'exact-string': (random) => {
    const values = strings(random, 2);
    return { family: 'exact-string', values, near: values.flatMap(caseVariants) };
  },
  'exact-number': (random) => {
    const values = numbers(random, 2);
    return { family: 'exact-number', values, near: values.flatMap((value) => [value, value + 1, String(value)]) };
  },
  'exact-null-or-empty': (random) => ({ family: 'exact-null-or-empty', values: [random.pick([null, ''])], near: [null, '', 'null', 0, false] }),
  'exact-boolean': (random) => ({ family: 'exact-boolean', values: [random.pick([true, false])], near: [true, false, 'true', 'false', 0, 1, null] }),
  prefix: affixFamily('prefix', false),
  'prefix-equals-ignore-case': affixFamily('prefix', true),
  suffix: affixFamily('suffix', false),
  'suffix-equals-ignore-case': affixFamily('suffix', true),
  'equals-ignore-case': (random) => {
    const text = random.pick(STRINGS);
    return { family: 'equals-ignore-case', values: [{ 'equals-ignore-case': text }], near: caseVariants(text) };
  },
  wildcard: (random) => {
    const wildcard = random.pick(WILDCARDS);
    return { family: 'wildcard', values: [{ wildcard }], near: wildcardVariants(wildcard) };
  },
  'anything-but-string': (random) => {
    const text = random.pick(STRINGS);
    return { family: 'anything-but-string', values: [{ 'anything-but': text }], near: caseVariants(text) };
  },
  'anything-but-number': (random) => {
    const value = random.pick(NUMBERS);
    return { family: 'anything-but-number', values: [{ 'anything-but': value }], near: [value, value + 1, String(value), null] };
  },
  'anything-but-strings': (random) => {
    const texts = strings(random, 3);
    return { family: 'anything-but-strings', values: [{ 'anything-but': texts }], near: texts.flatMap(caseVariants) };
  },
  'anything-but-numbers': (random) => {
    const values = numbers(random, 3);
    return { family: 'anything-but-numbers', values: [{ 'anything-but': values }], near: values.flatMap((value) => [value, value + 1, String(value)]) };
  },
  'anything-but-prefix': (random) => {
    const prefix = oneOrSome(random, AFFIXES);
    return { family: 'anything-but-prefix', values: [{ 'anything-but': { prefix } }], near: listed(prefix).flatMap((item) => affixVariants(String(item))) };
  },
  'anything-but-suffix': (random) => {
    const suffix = oneOrSome(random, AFFIXES);
    return { family: 'anything-but-suffix', values: [{ 'anything-but': { suffix } }], near: listed(suffix).flatMap((item) => affixVariants(String(item))) };
  },
  'anything-but-equals-ignore-case': (random) => {
    const text = oneOrSome(random, STRINGS);
    return { family: 'anything-but-equals-ignore-case', values: [{ 'anything-but': { 'equals-ignore-case': text } }], near: listed(text).flatMap((item) => caseVariants(String(item))) };
  },
  'anything-but-wildcard': (random) => {
    const wildcard = oneOrSome(random, WILDCARDS);
    return { family: 'anything-but-wildcard', values: [{ 'anything-but': { wildcard } }], near: listed(wildcard).flatMap((item) => wildcardVariants(String(item))) };
  },
  numeric: (random) => {
    const range = random.pick(NUMERIC_RANGES);
    return { family: 'numeric', values: [{ numeric: range }], near: numericVariants(range) };
  },
  cidr: (random) => ({ family: 'cidr', values: [{ cidr: random.pick(CIDRS) }], near: [...IPS, 10] }),
  exists: (random) => ({ family: 'exists', values: [{ exists: random.chance(0.5) }], near: SCALARS }),
  'mixed-values': (random) => {
    const text = random.pick(STRINGS);
    const prefix = random.pick(AFFIXES);
    const range = random.pick(NUMERIC_RANGES);
    const operator = random.pick([{ prefix }, { numeric: range }, { exists: false }, { 'anything-but': text }]);
    return { family: 'mixed-values', values: [random.pick(STRINGS), operator], near: [text, ...affixVariants(prefix), ...numericVariants(range)] };
  },
};
