/**
 * Where moto's EventBridge rule engine (moto 5.2.x, `moto.events.models.EventPattern`) and the
 * EventBridge user guide disagree. The guide decides: the local matcher follows it, and the
 * differential check (`scripts/check-patterns-against-moto.ts`) counts a disagreement as known
 * only when one of these classes explains it. Each class is also a named unit test.
 */
import { isRecord } from '../../domain/defined.ts';

/** One class of known disagreement. */
export interface KnownMotoDifference {
  readonly id: string;
  readonly title: string;
  /** What moto does, and why (its code). */
  readonly moto: string;
  /** What EventBridge does, in the documentation's words. */
  readonly documentation: string;
  /** Where the quote is from. */
  readonly source: string;
  /** A pair on which moto and the documentation disagree, and the documented outcome. */
  readonly example: {
    readonly pattern: Readonly<Record<string, unknown>>;
    readonly detail: Readonly<Record<string, unknown>>;
    readonly matches: boolean;
  };
  /** Whether the pair has the shape this class is about (it can explain a disagreement on it). */
  readonly applies: (pattern: unknown, event: unknown) => boolean;
}

/** A field the pattern names and the values (operators included) it lists for it. */
interface PatternField {
  readonly path: readonly string[];
  readonly values: readonly unknown[];
}

function patternFields(pattern: unknown, path: readonly string[] = []): PatternField[] {
  if (!isRecord(pattern)) return [];
  return Object.entries(pattern).flatMap(([key, value]): PatternField[] => {
    if (key === '$or' && Array.isArray(value)) return value.flatMap((alternative) => patternFields(alternative, path));
    if (Array.isArray(value)) return [{ path: [...path, key], values: value }];
    return patternFields(value, [...path, key]);
  });
}

/** The elements of nested arrays, at every level. */
function crush(value: readonly unknown[]): unknown[] {
  return value.flatMap((element) => (Array.isArray(element) ? crush(element) : [element]));
}

/** What the event holds at a path: the nodes reached, and whether an array stood in the way. */
interface Reach {
  readonly nodes: readonly unknown[];
  readonly throughArray: boolean;
}

function reach(event: unknown, path: readonly string[]): Reach {
  let nodes: unknown[] = [event];
  let throughArray = false;
  for (const key of path) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (Array.isArray(node)) {
        throughArray = true;
        for (const element of crush(node)) if (isRecord(element) && key in element) next.push(element[key]);
      } else if (isRecord(node) && key in node) {
        next.push(node[key]);
      }
    }
    nodes = next;
  }
  return { nodes, throughArray };
}

/** The scalars at a path, arrays crushed. */
function scalarsAt(event: unknown, path: readonly string[]): unknown[] {
  return reach(event, path).nodes.flatMap((node) => (Array.isArray(node) ? crush(node) : [node])).filter((node) => !isRecord(node));
}

function anyField(pattern: unknown, event: unknown, test: (field: PatternField, at: Reach) => boolean): boolean {
  return patternFields(pattern).some((field) => test(field, reach(event, field.path)));
}

function usesOperator(field: PatternField, operator: string): boolean {
  return field.values.some((value) => isRecord(value) && operator in value);
}

function comparesNumbers(values: readonly unknown[]): boolean {
  return values.some((value) => {
    if (typeof value === 'number') return true;
    if (!isRecord(value)) return false;
    if ('numeric' in value) return true;
    const excluded = value['anything-but'];
    return typeof excluded === 'number' || (Array.isArray(excluded) && excluded.some((item) => typeof item === 'number'));
  });
}

/** The known classes, in the order a disagreement is attributed to them. */
export const KNOWN_MOTO_DIFFERENCES: readonly KnownMotoDifference[] = [
  {
    id: 'array-of-objects',
    title: 'fields inside arrays of objects',
    moto: '_flatten_dict only descends into objects, so a field inside an array element is invisible (and the array itself becomes a leaf value)',
    documentation:
      '"If the value in the event is an array, then the event pattern matches if the intersection of the event pattern array and the event array is non-empty." Event Ruler: "the array structure is \'crushed out\' of the rule pattern, and any contained objects are treated as if they are the value of the parent field."',
    source: 'EventBridge user guide, "Arrays in Amazon EventBridge event patterns"; aws/event-ruler README, "JSON Array Matching"',
    example: { pattern: { detail: { items: { name: ['a'] } } }, detail: { items: [{ name: 'b' }, { name: 'a' }] }, matches: true },
    applies: (pattern, event) =>
      anyField(pattern, event, (_, at) => at.throughArray || at.nodes.some((node) => Array.isArray(node) && crush(node).some(isRecord))),
  },
  {
    id: 'nested-arrays',
    title: 'arrays inside arrays',
    moto: 'compares pattern values with the elements of the outer array only (`f in item`), so an inner array is one opaque element: never equal, never a prefix, always "anything but"',
    documentation: 'Event Ruler: "This works for multi-level arrays too" (arrays are crushed at every level).',
    source: 'aws/event-ruler README, "JSON Array Matching"',
    example: { pattern: { detail: { tags: ['x'] } }, detail: { tags: [['x'], 'y'] }, matches: true },
    applies: (pattern, event) => anyField(pattern, event, (_, at) => at.nodes.some((node) => Array.isArray(node) && node.some(Array.isArray))),
  },
  {
    id: 'empty-array',
    title: 'an empty array is no value',
    moto: 'an empty array is a present leaf, so {"exists": true} matches it and {"exists": false} does not',
    documentation:
      '"Exists matching works on the presence or absence of a field in the JSON of the event." and "Exists matching only works on leaf nodes." An empty array holds no leaf value, so the field has none (arrays match through their elements).',
    source: 'EventBridge user guide, "Comparison operators" > "Exists matching"',
    example: { pattern: { detail: { ip: [{ exists: false }] } }, detail: { ip: [] }, matches: true },
    applies: (pattern, event) =>
      anyField(pattern, event, (field, at) => usesOperator(field, 'exists') && at.nodes.some((node) => Array.isArray(node) && node.length === 0)),
  },
  {
    id: 'empty-object',
    title: 'an empty object is not a leaf',
    moto: '_flatten_dict keeps an empty object as a leaf value, so {"exists": true} and anything-but match it',
    documentation: '"Exists matching only works on leaf nodes. It does not work on intermediate nodes."',
    source: 'EventBridge user guide, "Comparison operators" > "Exists matching"',
    example: { pattern: { detail: { meta: [{ exists: true }] } }, detail: { meta: {} }, matches: false },
    applies: (pattern, event) =>
      anyField(
        pattern,
        event,
        (field, at) =>
          (usesOperator(field, 'exists') || usesOperator(field, 'anything-but')) && at.nodes.some((node) => isRecord(node) && Object.keys(node).length === 0),
      ),
  },
  {
    id: 'boolean-is-not-a-number',
    title: 'true and false are not the numbers 1 and 0',
    moto: "Python's True == 1 and isinstance(True, int): an exact 1 matches true, numeric ranges compare booleans, anything-but [1] excludes true",
    documentation:
      '"Numeric matching works with values that are JSON numbers." and "You can use all of the JSON data types and values to match events" — a JSON boolean is not a JSON number.',
    source: 'EventBridge user guide, "Comparison operators" > "Numeric matching"; "Matching events on event field values"',
    example: { pattern: { detail: { flag: [1] } }, detail: { flag: true }, matches: false },
    applies: (pattern, event) =>
      anyField(pattern, event, (field) => {
        const scalars = scalarsAt(event, field.path);
        const eventHasBoolean = scalars.some((value) => typeof value === 'boolean');
        const eventHasNumber = scalars.some((value) => typeof value === 'number');
        const patternHasBoolean = field.values.some((value) => typeof value === 'boolean');
        return (eventHasBoolean && comparesNumbers(field.values)) || (eventHasNumber && patternHasBoolean);
      }),
  },
  {
    id: 'non-string-as-ip-address',
    title: 'a number or a boolean is not an IP address',
    moto: "hands the event value to Python's ipaddress.ip_address, which reads an integer (and so a bool) as an address: 10 is 0.0.0.10, false is 0.0.0.0",
    documentation:
      '"You can use IP address matching for IPv4 and IPv6 addresses." The guide\'s example matches "sourceIPAddress": "10.0.0.x" text; a JSON number or boolean is not an IP address.',
    source: 'EventBridge user guide, "Comparison operators" > "IP address matching"',
    example: { pattern: { detail: { ip: [{ cidr: '0.0.0.0/0' }] } }, detail: { ip: 10 }, matches: false },
    applies: (pattern, event) =>
      anyField(
        pattern,
        event,
        (field) =>
          usesOperator(field, 'cidr') &&
          scalarsAt(event, field.path).some((value) => typeof value === 'number' || typeof value === 'boolean'),
      ),
  },
  {
    id: 'numeric-limit',
    title: 'numeric matching stops at ±5.0e9',
    moto: 'compares any Python number, however large',
    documentation: '"It is limited to values between -5.0e9 and +5.0e9 inclusive, with 15 digits of precision, or six digits to the right of the decimal point."',
    source: 'EventBridge user guide, "Comparison operators" > "Numeric matching"',
    example: { pattern: { detail: { bytes: [{ numeric: ['>', 0] }] } }, detail: { bytes: 6000000000 }, matches: false },
    applies: (pattern, event) =>
      anyField(
        pattern,
        event,
        (field) =>
          usesOperator(field, 'numeric') &&
          scalarsAt(event, field.path).some((value) => typeof value === 'number' && Math.abs(value) > 5.0e9),
      ),
  },
];

/** The first known class that explains a disagreement on this pair, if any. */
export function explainMotoDifference(pattern: unknown, event: unknown): KnownMotoDifference | undefined {
  return KNOWN_MOTO_DIFFERENCES.find((difference) => difference.applies(pattern, event));
}
