/**
 * `ivs-guard generate-event`: a sample event of any kind from `events/samples/`, with `--set`
 * overrides applied, a fresh id, and checked by the same parser the handlers use.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { formatRejections, parseGuardEvent } from '../domain/events/index.ts';

/** Where the samples are; `sessions/` beside them holds GetStreamSession answers, not events. */
export const SAMPLES_DIR = fileURLToPath(new URL('../events/samples/', import.meta.url));
const NOT_EVENTS = new Set(['sessions']);
/** Keys that would reach an object's prototype instead of a field of the event. */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export class GenerateEventError extends Error {
  override readonly name = 'GenerateEventError';
}

interface Sample {
  /** `folder/name`, e.g. `stream-state/stream-takeover-failure`. */
  id: string;
  /** The file's base name, e.g. `stream-takeover-failure`. */
  name: string;
  path: string;
}

function samples(dir: string): Sample[] {
  const found: Sample[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory() || NOT_EVENTS.has(folder.name)) continue;
    for (const file of readdirSync(join(dir, folder.name), { withFileTypes: true })) {
      if (!file.isFile() || !file.name.endsWith('.json')) continue;
      const name = file.name.slice(0, -'.json'.length);
      found.push({ id: `${folder.name}/${name}`, name, path: join(dir, folder.name, file.name) });
    }
  }
  return found.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every KIND `generateEvent` takes, as `folder/name` (the name alone works too), in name order. */
export function listEventKinds(dir: string = SAMPLES_DIR): string[] {
  return samples(dir).map((sample) => sample.id);
}

function findSample(kind: string, dir: string): Sample {
  const all = samples(dir);
  const wanted = kind.trim().replace(/\.json$/, '');
  const exact = all.filter((sample) => sample.id === wanted || sample.name === wanted);
  if (exact.length === 1 && exact[0] !== undefined) return exact[0];
  if (exact.length > 1) throw new GenerateEventError(`'${kind}' names ${exact.length} samples: ${exact.map((sample) => sample.id).join(', ')}; say which`);
  const near = all.filter((sample) => sample.id.includes(wanted)).map((sample) => sample.id);
  const hint = near.length > 0 ? `did you mean ${near.slice(0, 5).join(', ')}?` : `known kinds: ${all.map((sample) => sample.id).join(', ')}`;
  throw new GenerateEventError(`no sample event '${kind}'; ${hint}`);
}

/** `detail.viewerSessions[0].viewerId` or `resources.0` → its keys. */
function pathKeys(path: string): string[] {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  if (keys.some((key) => key === '')) throw new GenerateEventError(`--set ${path}: not a dotted path like detail.code or resources.0`);
  const unsafe = keys.find((key) => UNSAFE_KEYS.has(key));
  if (unsafe !== undefined) throw new GenerateEventError(`--set ${path}: '${unsafe}' is not a field an event can have`);
  return keys;
}

/** The value `text` stands for where `current` is: the same type as what it replaces, else JSON if it reads as JSON, else text. */
function valueFor(path: string, text: string, current: unknown): unknown {
  if (typeof current === 'string') return text;
  if (typeof current === 'number') {
    const number = Number(text);
    if (text.trim() === '' || !Number.isFinite(number)) throw new GenerateEventError(`--set ${path}: takes a number, not '${text}'`);
    return number;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new GenerateEventError(`--set ${path}: takes true or false, not '${text}'`);
    return text === 'true';
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

function read(container: Container, key: string): unknown {
  return Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
}

function write(container: Container, key: string, value: unknown, path: string): void {
  if (Array.isArray(container)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index > container.length) {
      throw new GenerateEventError(`--set ${path}: index ${key} is outside the array (it has ${container.length} entries)`);
    }
    container[index] = value;
  } else {
    Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
  }
}

function setPath(event: Record<string, unknown>, path: string, text: string): void {
  const keys = pathKeys(path);
  const last = keys.pop() as string;
  let at: Container = event;
  for (const key of keys) {
    let next = read(at, key);
    if (!isContainer(next)) {
      next = {};
      write(at, key, next, path);
    }
    at = next as Container;
  }
  write(at, last, valueFor(path, text, read(at, last)), path);
}

/**
 * A sample event of `kind` (a sample's base name like `stream-takeover-failure`, or
 * `stream-state/stream-takeover-failure`), with `sets` applied in order (`detail.code` →
 * `StreamTakeoverLimitBreached`, `resources.0` → an ARN, `time` → an ISO time) and a fresh id.
 * Throws a `GenerateEventError` that says what to fix when the kind is unknown, a path is unusable,
 * or the result is not a valid event.
 */
export function generateEvent(kind: string, sets: Record<string, string> = {}, options: { samplesDir?: string } = {}): Record<string, unknown> {
  const sample = findSample(kind, options.samplesDir ?? SAMPLES_DIR);
  const event = JSON.parse(readFileSync(sample.path, 'utf8')) as Record<string, unknown>;
  event.id = randomUUID();
  for (const [path, text] of Object.entries(sets)) setPath(event, path, text);

  // A revocation request may come from any source the deployment chose: judge it by its own.
  const moderationSource = sample.id.startsWith('moderation/') && typeof event.source === 'string' ? event.source : undefined;
  const parsed = parseGuardEvent(event, moderationSource === undefined ? {} : { moderationSource });
  if (!parsed.ok) throw new GenerateEventError(`the ${sample.id} event is not valid: ${formatRejections(parsed.rejections)}`);
  return event;
}
