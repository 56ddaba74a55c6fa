/**
 * The words every message uses, in one place: what a value is, how a value is quoted, "a" or "an", where a
 * value sits (`detail.viewerSessions[3].viewerId`), and the two voices a sentence takes. Event rejections
 * speak JSON to whoever sent the event ("must be a string, not a number"); policy mistakes speak YAML to the
 * person who wrote the file ("expected a list, got 'x'"). Pure: domain and local code both use it.
 *
 * @example
 * describeValue(42);                 // 'a number'
 * describeValue('on', 'yaml');       // "'on'"
 * formatPath(['tags', 'team name']); // 'tags["team name"]'
 */

/** A quoted value in a message is cut to this many characters: a message must stay one readable line. */
const QUOTE_MAX = 60;
/** Evidence shows values whole up to this length: a person checks them against the event (ARNs run to 128). */
const EVIDENCE_MAX = 128;

/** `'value'`, cut short when long, on one line. */
export function quote(value: unknown, max: number = QUOTE_MAX): string {
  return `'${oneLine(typeof value === 'string' ? value : printable(value), max)}'`;
}

function oneLine(text: string, max: number = QUOTE_MAX): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[\r\n\t]/g, ' ');
}

/** Any value as short text; never throws (a BigInt or a cycle defeats JSON.stringify). */
function printable(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return describeValue(value);
  }
}

/** "a condition", "an action". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/**
 * How `describeValue` names a value. `kind` says only what it is (`a number`, `an array`, `null`), never the
 * value: the words for a rejected event, whose values can be anything. `json` shows a scalar as JSON
 * (`the string "x"`, `number 5`), for EventBridge patterns. `yaml` shows it as a YAML author wrote it
 * (`'x'`, `5`) and names containers in YAML's words (`a list`, `a mapping`, `nothing`). `evidence` shows the value
 * itself, containers too, as a decision's evidence does: strings quoted (`'LOW'`), the rest as JSON, `absent`.
 */
export type ValueWords = 'kind' | 'json' | 'yaml' | 'evidence';

/** A value as a person would name it in a message, in the given words. */
export function describeValue(value: unknown, words: ValueWords = 'kind'): string {
  if (words === 'evidence') {
    if (value === undefined) return 'absent';
    return typeof value === 'string' ? quote(value, EVIDENCE_MAX) : oneLine(printable(value), EVIDENCE_MAX);
  }
  if (value === null) return words === 'yaml' ? 'nothing' : 'null';
  if (value === undefined) return words === 'kind' ? 'undefined' : 'nothing';
  if (Array.isArray(value)) return words === 'yaml' ? 'a list' : 'an array';
  if (typeof value === 'object') return words === 'yaml' ? 'a mapping' : 'an object';
  if (words === 'kind') return withArticle(typeof value);
  if (typeof value === 'string') return words === 'yaml' ? quote(value) : `the string ${JSON.stringify(oneLine(value))}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return words === 'yaml' ? String(value) : `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * `['detail', 'viewerSessions', 3, 'viewerId']` → `detail.viewerSessions[3].viewerId`; a key that is not a plain
 * name is quoted: `tags["team name"]`. The empty path is `''`: callers name the whole value their own way.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const key = String(segment);
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) return i === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

/** `1 item`, `2 items`; `1 entry`, `3 entries`. */
export function plural(count: number, noun: string): string {
  if (count === 1) return `${count} ${noun}`;
  return `${count} ${noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/** How a sentence about a value that is missing or wrong is put, and the words it names values in. */
export interface Voice {
  readonly words: ValueWords;
  /** What a list holds, for "at least 2 entries". */
  readonly item: string;
  /** A value missing, or not `what`: "is required" / "must be a string, not a number". */
  expected(what: string, input: unknown): string;
  /** A requirement the value misses, without the value: "must have at least 2 entries" / "expected at least 2 items". */
  bound(what: string, verb: 'be' | 'have'): string;
}

/** The voice of event rejections: JSON words, values named only by their kind. */
export const EVENT_VOICE: Voice = {
  words: 'kind',
  item: 'entry',
  expected: (what, input) => (input === undefined ? 'is required' : `must be ${what}, not ${describeValue(input, 'kind')}`),
  bound: (what, verb) => `must ${verb} ${what}`,
};

/** The voice of policy mistakes: YAML words, the value found shown as written. */
export const POLICY_VOICE: Voice = {
  words: 'yaml',
  item: 'item',
  expected: (what, input) => (input === undefined ? `required: ${what}` : `expected ${what}, got ${describeValue(input, 'yaml')}`),
  bound: (what) => `expected ${what}`,
};
