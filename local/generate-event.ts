/**
 * `ivs-guard generate-event`: a sample event of any kind from `events/samples/`, with `--set`
 * overrides applied, a fresh id, and checked by the same parser the handlers use.
 */
import { randomUUID } from 'node:crypto';
import { formatRejections, parseGuardEvent } from '../domain/events/index.ts';
import { eventFromSample, findSample, SampleKindError, SAMPLES_DIR, samples } from './event-builders.ts';

/** Keys that would reach an object's prototype instead of a field of the event. */
const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export { SAMPLES_DIR } from './event-builders.ts';

export class GenerateEventError extends Error {
  override readonly name = 'GenerateEventError';
}

/** Every KIND `generateEvent` takes, as `folder/name` (the name alone works too), in name order. */
export function listEventKinds(dir: string = SAMPLES_DIR): string[] {
  return samples(dir).map((sample) => sample.id);
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

/** The sample `kind` names, its errors worded as the command's. */
function sampleOf(kind: string, dir: string) {
  try {
    return findSample(kind, dir);
  } catch (error) {
    throw error instanceof SampleKindError ? new GenerateEventError(error.message) : error;
  }
}

/**
 * A sample event of `kind` (a sample's base name like `stream-takeover-failure`, or
 * `stream-state/stream-takeover-failure`), with `sets` applied in order (`detail.code` →
 * `StreamTakeoverLimitBreached`, `resources.0` → an ARN, `time` → an ISO time) and a fresh id.
 * Throws a `GenerateEventError` that says what to fix when the kind is unknown, a path is unusable,
 * or the result is not a valid event.
 */
export function generateEvent(kind: string, sets: Record<string, string> = {}, options: { samplesDir?: string } = {}): Record<string, unknown> {
  const dir = options.samplesDir ?? SAMPLES_DIR;
  const sample = sampleOf(kind, dir);
  const event = eventFromSample(sample.id, { id: randomUUID() }, dir);
  for (const [path, text] of Object.entries(sets)) setPath(event, path, text);

  // A revocation request may come from any source the deployment chose: judge it by its own.
  const moderationSource = sample.id.startsWith('moderation/') && typeof event.source === 'string' ? event.source : undefined;
  const parsed = parseGuardEvent(event, moderationSource === undefined ? {} : { moderationSource });
  if (!parsed.ok) throw new GenerateEventError(`the ${sample.id} event is not valid: ${formatRejections(parsed.rejections)}`);
  return event;
}
