/**
 * A deterministic corpus of event-pattern/event pairs that exercises every operator of the
 * content-filtering language, for differential checks against another implementation (moto).
 * The same seed always gives the same corpus. Every pattern is valid; events are envelopes of the
 * shape `PutEvents`/`TestEventPattern` accept, with the interesting part in `detail`.
 */
import { isRecord } from '../../domain/defined.ts';
import { parseWildcard } from './wildcard.ts';

/** One event of the corpus, before it gets an id and a time. */
export interface CorpusEvent {
  readonly source: string;
  readonly detailType: string;
  readonly resources: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** One pattern and the events it is tried against. */
export interface CorpusCase {
  /** `<index>-<family>`, e.g. `17-anything-but-prefix`. */
  readonly id: string;
  readonly family: string;
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly events: readonly CorpusEvent[];
}

/** The account and region the envelopes carry. */
export const CORPUS_ACCOUNT = '123456789012';
export const CORPUS_REGION = 'us-east-1';

/** The full EventBridge envelope of a corpus event. */
export function corpusEnvelope(event: CorpusEvent, id: string, time: string): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': event.detailType,
    source: event.source,
    account: CORPUS_ACCOUNT,
    time,
    region: CORPUS_REGION,
    resources: [...event.resources],
    detail: event.detail,
  };
}

/** mulberry32: a small, well-known 32-bit PRNG; good enough to shuffle test data reproducibly. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) chosen.push(item);
    }
    return chosen;
  }
}

const STRINGS = [
  'running', 'Running', 'RUNNING', 'run', 'stopped', 'initializing', 'init', '', 'image.png', 'IMAGE.PNG',
  'dir/a.png', 'dir/sub/a.png', 'lib/x.js', 'src/lib/x.js', 'a*b', 'a\\b', 'abc', 'aXbYc', 'eventbridge',
  'EventBridge', 'us-east-1', 'eu-west-1', 'café', 'CAFÉ', 'null', 'true', '5', '100',
] as const;
const IPS = ['10.0.0.5', '10.0.0.255', '10.0.1.5', '192.168.1.20', '172.16.5.4', '2001:db8::1', '2001:DB8:0:0:0:0:0:ff', '2001:db9::1', '::1', 'not-an-ip', '10.0.0.256'] as const;
const NUMBERS = [0, 1, -1, 5, 5.5, 10, 100, 200, 300, 301.8, 1000000, -2.25, 0.25, 4999999999, -5000000000] as const;
const OUT_OF_RANGE = [6000000000, -7500000000] as const;
const SCALARS: readonly unknown[] = [...STRINGS, ...NUMBERS, null, true, false];

/** A pattern's value array for one field, and event values close to what it matches. */
interface FieldSpec {
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

/** Each family of the content-filtering language and how to build one field of it. */
const FAMILIES: Readonly<Record<string, SpecMaker>> = {
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
  prefix: (random) => {
    const prefix = random.pick(AFFIXES);
    return { family: 'prefix', values: [{ prefix }], near: affixVariants(prefix) };
  },
  'prefix-equals-ignore-case': (random) => {
    const prefix = random.pick(AFFIXES);
    return { family: 'prefix-equals-ignore-case', values: [{ prefix: { 'equals-ignore-case': prefix } }], near: affixVariants(prefix) };
  },
  suffix: (random) => {
    const suffix = random.pick(AFFIXES);
    return { family: 'suffix', values: [{ suffix }], near: affixVariants(suffix) };
  },
  'suffix-equals-ignore-case': (random) => {
    const suffix = random.pick(AFFIXES);
    return { family: 'suffix-equals-ignore-case', values: [{ suffix: { 'equals-ignore-case': suffix } }], near: affixVariants(suffix) };
  },
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

const FAMILY_NAMES = Object.keys(FAMILIES);
const FIELD_NAMES = ['state', 'count', 'path', 'ip', 'flag', 'note'] as const;
const SOURCES = ['check.alpha', 'check.beta'] as const;
const DETAIL_TYPES = ['Kind One', 'Kind Two'] as const;
const RESOURCES = ['arn:aws:ivs:us-east-1:123456789012:channel/a', 'arn:aws:ivs:us-east-1:123456789012:channel/b'] as const;

function spec(random: SeededRandom, family?: string): FieldSpec {
  const maker = FAMILIES[family ?? random.pick(FAMILY_NAMES)];
  if (maker === undefined) throw new Error(`unknown family ${family ?? ''}`);
  return maker(random);
}

/** One scalar for a field: usually a near value, sometimes any scalar. */
function scalarFor(random: SeededRandom, spec: FieldSpec): unknown {
  return spec.near.length > 0 && random.chance(0.8) ? random.pick(spec.near) : random.pick(SCALARS);
}

/** An event value for a field: mostly a scalar, sometimes an array or an odd shape. */
function fieldValue(random: SeededRandom, spec: FieldSpec): unknown {
  const roll = random.next();
  if (roll < 0.7) return scalarFor(random, spec);
  if (roll < 0.86) return Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => scalarFor(random, spec));
  if (roll < 0.89) return [];
  if (roll < 0.92) return {};
  if (roll < 0.95) return [[scalarFor(random, spec)], scalarFor(random, spec)];
  return { inner: scalarFor(random, spec) };
}

type Shape = 'flat' | 'nested' | 'or' | 'array-of-objects' | 'envelope';

interface FieldPlan {
  readonly path: readonly string[];
  readonly spec: FieldSpec;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const existing = target[head];
  const child = isRecord(existing) ? existing : {};
  target[head] = child;
  setPath(child, rest, value);
}

function patternOf(plans: readonly FieldPlan[]): Record<string, unknown> {
  const pattern: Record<string, unknown> = {};
  for (const plan of plans) setPath(pattern, plan.path, [...plan.spec.values]);
  return pattern;
}

function buildCase(random: SeededRandom, index: number, eventsPerCase: number): CorpusCase {
  const main = spec(random, FAMILY_NAMES[index % FAMILY_NAMES.length]);
  const shape = random.pick<Shape>(['flat', 'flat', 'flat', 'nested', 'or', 'array-of-objects', 'envelope']);
  const fields = random.sample(FIELD_NAMES, 3);
  const [first = 'state', second = 'count'] = fields;
  const extra = spec(random);
  const plans: FieldPlan[] = [{ path: ['detail', first], spec: main }];
  let pattern: Record<string, unknown>;
  switch (shape) {
    case 'flat':
      if (random.chance(0.3)) plans.push({ path: ['detail', second], spec: extra });
      pattern = patternOf(plans);
      break;
    case 'nested':
      plans[0] = { path: ['detail', 'meta', first], spec: main };
      plans.push({ path: ['detail', second], spec: extra });
      pattern = patternOf(plans);
      break;
    case 'or': {
      plans.push({ path: ['detail', second], spec: extra });
      const alternatives = plans.map((plan) => patternOf([{ path: plan.path.slice(1), spec: plan.spec }]));
      pattern = random.chance(0.5)
        ? { detail: { $or: alternatives } }
        : { $or: [{ source: [random.pick(SOURCES)] }, { detail: alternatives[0] }] };
      break;
    }
    case 'array-of-objects':
      plans[0] = { path: ['detail', 'items', first], spec: main };
      plans.push({ path: ['detail', 'items', second], spec: extra });
      pattern = patternOf(plans);
      break;
    case 'envelope':
      pattern = patternOf(plans);
      pattern[random.pick(['source', 'detail-type', 'resources'])] = random.chance(0.5)
        ? [random.pick([...SOURCES, ...DETAIL_TYPES, ...RESOURCES])]
        : [{ prefix: random.pick(['check.', 'Kind', 'arn:aws:ivs:']) }];
      break;
  }
  const events = Array.from({ length: eventsPerCase }, () => buildEvent(random, plans, shape));
  return { id: `${index}-${main.family}`, family: `${main.family}/${shape}`, pattern, events };
}

function buildEvent(random: SeededRandom, plans: readonly FieldPlan[], shape: Shape): CorpusEvent {
  const detail: Record<string, unknown> = {};
  if (shape === 'array-of-objects') {
    const items = Array.from({ length: 1 + Math.floor(random.next() * 3) }, () => {
      const item: Record<string, unknown> = {};
      for (const plan of plans) if (!random.chance(0.15)) item[plan.path[plan.path.length - 1] ?? 'x'] = scalarFor(random, plan.spec);
      return item;
    });
    detail.items = items;
  } else {
    for (const plan of plans) {
      if (random.chance(0.1)) continue;
      setPath(detail, plan.path.slice(1), fieldValue(random, plan.spec));
    }
  }
  if (random.chance(0.5)) detail.unrelated = random.pick(SCALARS);
  return {
    source: random.pick(SOURCES),
    detailType: random.pick(DETAIL_TYPES),
    resources: random.sample(RESOURCES, Math.floor(random.next() * 3)),
    detail,
  };
}

/** At least `pairs` pattern/event pairs, `eventsPerCase` events to a pattern, the same for the same seed. */
export function buildCorpus(seed: number, pairs: number, eventsPerCase = 4): CorpusCase[] {
  const random = new SeededRandom(seed);
  const caseCount = Math.ceil(pairs / eventsPerCase);
  return Array.from({ length: caseCount }, (_, index) => buildCase(random, index, eventsPerCase));
}
