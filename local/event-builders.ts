/**
 * The one set of event builders: every event is a sample from `events/samples/` (the shapes IVS sends) with
 * the fields a caller names put in place. `ivs-guard generate-event`, the tests' builders and the generated
 * day of events all start here, so an event looks the same wherever it is made.
 *
 * @example
 * ```ts
 * streamStateChange('Stream Takeover Failure', { channelArn, time: '2026-11-20T19:10:00Z', detail: { code: 'StreamTakeoverLimitBreached' } });
 * eventFromSample('recording/recording-start-failure', { id: 'ev-1' });
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the samples are; `sessions/` beside them holds GetStreamSession answers, not events. */
export const SAMPLES_DIR = fileURLToPath(new URL('../events/samples/', import.meta.url));
const NOT_EVENTS = new Set(['sessions']);

/** An unknown or ambiguous sample kind; the message says which kinds there are. */
export class SampleKindError extends Error {
  override readonly name = 'SampleKindError';
}

/** One sample event file. */
export interface Sample {
  /** `folder/name`, e.g. `stream-state/stream-takeover-failure`. */
  id: string;
  /** The file's base name, e.g. `stream-takeover-failure`. */
  name: string;
  path: string;
}

/** Every sample event under `dir`, in `folder/name` order. */
export function samples(dir: string = SAMPLES_DIR): Sample[] {
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

/** The sample `kind` names (`folder/name`, or the name alone when only one sample has it, `.json` allowed). */
export function findSample(kind: string, dir: string = SAMPLES_DIR): Sample {
  const all = samples(dir);
  const wanted = kind.trim().replace(/\.json$/, '');
  const exact = all.filter((sample) => sample.id === wanted || sample.name === wanted);
  if (exact.length === 1 && exact[0] !== undefined) return exact[0];
  if (exact.length > 1) throw new SampleKindError(`'${kind}' names ${exact.length} samples: ${exact.map((sample) => sample.id).join(', ')}; say which`);
  const near = all.filter((sample) => sample.id.includes(wanted)).map((sample) => sample.id);
  const hint = near.length > 0 ? `did you mean ${near.slice(0, 5).join(', ')}?` : `known kinds: ${all.map((sample) => sample.id).join(', ')}`;
  throw new SampleKindError(`no sample event '${kind}'; ${hint}`);
}

/** The fields of an EventBridge event a builder puts in place of the sample's. */
export interface EventFields {
  id?: unknown;
  time?: unknown;
  account?: string;
  region?: string;
  source?: string;
  /** Shorthand for `resources: [channelArn]`. */
  channelArn?: string;
  resources?: unknown[];
  /** Merged over the sample's detail, key by key. */
  detail?: Record<string, unknown>;
}

/** Parsed samples by path: a day of events builds thousands from a handful of files. */
const parsed = new Map<string, Record<string, unknown>>();

function readSample(path: string): Record<string, unknown> {
  let event = parsed.get(path);
  if (event === undefined) {
    event = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    parsed.set(path, event);
  }
  return structuredClone(event);
}

/** A copy of the sample `kind` with `fields` in place. It is not checked: a test may want it broken. */
export function eventFromSample(kind: string, fields: EventFields = {}, dir: string = SAMPLES_DIR): Record<string, unknown> {
  const event = readSample(findSample(kind, dir).path);
  const { channelArn, detail, ...envelope } = fields;
  for (const [key, value] of Object.entries(envelope)) if (value !== undefined) event[key] = value;
  if (channelArn !== undefined) event.resources = [channelArn];
  if (detail !== undefined) event.detail = { ...(event.detail as Record<string, unknown>), ...detail };
  return event;
}

/** An `IVS Stream State Change` of any `event_name` (the `Stream Start` sample, renamed). */
export const streamStateChange = (eventName: string, fields: EventFields = {}) =>
  eventFromSample('stream-state/stream-start', { ...fields, detail: { event_name: eventName, ...fields.detail } });

/** An `IVS Stream Health Change` of any `event_name`. */
export const streamHealthChange = (eventName: string, fields: EventFields = {}) =>
  eventFromSample('stream-health/starvation-start', { ...fields, detail: { event_name: eventName, ...fields.detail } });

/** An `IVS Recording State Change` of any `recording_status`. */
export const recordingStateChange = (status: string, fields: EventFields = {}) =>
  eventFromSample('recording/recording-start', { ...fields, detail: { recording_status: status, ...fields.detail } });

/** An `IVS Limit Breach` of any `limit_name`. */
export const limitBreach = (limitName: string, fields: EventFields = {}) =>
  eventFromSample('limit-breach/ingest-bitrate', { ...fields, detail: { limit_name: limitName, ...fields.detail } });

/** A `Viewer Session Revocation Requested` for `viewerSessions` (as given: malformed ones too). */
export const revocationRequested = (viewerSessions: unknown[], fields: EventFields = {}) =>
  eventFromSample('moderation/viewer-session-revocation-requested', { ...fields, detail: { viewerSessions, ...fields.detail } });
