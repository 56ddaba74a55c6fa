/**
 * A deterministic corpus of event-pattern/event pairs that exercises every operator of the
 * content-filtering language, for differential checks against another implementation (moto).
 * The same seed always gives the same corpus (corpus-random.ts); the operator families are in
 * pattern-families.ts. Every pattern is valid; events are envelopes of the shape
 * `PutEvents`/`TestEventPattern` accept, with the interesting part in `detail`.
 */
import { isRecord } from '../../domain/defined.ts';
import { SeededRandom } from './corpus-random.ts';
import { FAMILIES, SCALARS } from './pattern-families.ts';
import type { FieldSpec } from './pattern-families.ts';

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
