/**
 * New IVS names are not rejections (#14.4): an `event_name`, `recording_status` or `limit_name` the contracts do
 * not know yet, on a known detail-type, is processed with a note saying so, its unknown fields kept; no policy
 * can name it, so nothing fires; a policy that tries to name it is still refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRejections, parseGuardEvent } from '../../domain/events/index.ts';
import type { GuardEvent } from '../../domain/events/index.ts';
import { evaluate, loadPolicyDocument, PolicyDocumentError } from '../../domain/policy/index.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const sample = (path: string): SampleJson => JSON.parse(readFileSync(new URL(`../../events/samples/${path}.json`, import.meta.url), 'utf8'));

function withName(path: string, field: string, name: string, drop?: string): SampleJson {
  const event = sample(path);
  if (drop !== undefined) delete event.detail[drop];
  event.detail[field] = name;
  return event;
}

function accepted(raw: unknown): GuardEvent {
  const result = parseGuardEvent(raw);
  if (!result.ok) expect.fail(`rejected: ${formatRejections(result.rejections)}`);
  return result.event;
}

describe('a name ivs-guard does not know yet', () => {
  it.each<[string, SampleJson, string]>([
    ['a stream state event_name', withName('stream-state/stream-start', 'event_name', 'Stream Frobnicated'), "IVS Stream State Change event_name 'Stream Frobnicated' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a stream health event_name', withName('stream-health/starvation-start', 'event_name', 'Starvation Deepened'), "IVS Stream Health Change event_name 'Starvation Deepened' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a limit_name', withName('limit-breach/ingest-bitrate', 'limit_name', 'Ingest Framerate'), "IVS Limit Breach limit_name 'Ingest Framerate' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a limit (the schema registry’s limit_name)', withName('limit-breach/concurrent-viewers-account', 'limit', 'Concurrent Chats', 'limit_name'), "IVS Limit Breach limit 'Concurrent Chats' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a recording_status', withName('recording/recording-end', 'recording_status', 'Recording Paused'), "IVS Recording State Change recording_status 'Recording Paused' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a stage update event_name', withName('stage/participant-published', 'event_name', 'Participant Joined'), "IVS Stage Update event_name 'Participant Joined' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a participant recording event_name', withName('participant-recording/participant-recording-start', 'event_name', 'Recording Paused'), "IVS Participant Recording State Change event_name 'Recording Paused' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a publisher recording event_name', withName('publisher-recording/publisher-recording-start', 'event_name', 'Recording Resumed'), "IVS Publisher Recording State Change event_name 'Recording Resumed' is not one ivs-guard knows yet: processed, no policy names it"],
    ['a stage name on a composition', withName('composition/session-start', 'event_name', 'Participant Published'), "IVS Composition State Change event_name 'Participant Published' is not one ivs-guard knows yet: processed, no policy names it"],
  ])('%s is processed, with a note', (_, raw, note) => {
    const event = accepted(raw);
    expect(event.name).toBe((raw.detail.event_name ?? raw.detail.recording_status ?? raw.detail.limit_name ?? raw.detail.limit) as string);
    expect(event.notes).toEqual([note]);
  });

  it('keeps the typed fields and the unknown ones', () => {
    const raw = withName('stream-state/stream-takeover-failure', 'event_name', 'Stream Frobnicated');
    raw.detail.frobnication_level = 11;
    const event = accepted(raw);
    expect(event).toMatchObject({ kind: 'stream-state', channelName: 'main-stage', streamId: 'st-huG8GP38g4o5MNJAYKJ1UXX', code: 'StreamTakeoverInvalidPriority' });
    expect((event.raw.detail as Record<string, unknown>).frobnication_level).toBe(11);
  });

  it('still needs the fields its detail-type needs', () => {
    const raw = withName('stream-state/stream-start', 'event_name', 'Stream Frobnicated');
    delete raw.detail.stream_id;
    const result = parseGuardEvent(raw);
    expect(!result.ok && result.rejections).toEqual([{ field: 'detail.stream_id', reason: 'is required' }]);
  });

  it('quotes a long or many-line name on one short line', () => {
    const event = accepted(withName('stream-state/stream-start', 'event_name', `Stream\nFrob${'x'.repeat(100)}`));
    expect(event.notes?.[0]).toMatch(/^IVS Stream State Change event_name 'Stream Frobx{49}…' is not one ivs-guard knows yet/);
  });

  it('an account-wide limit with a new name needs no channel', () => {
    expect(accepted(withName('limit-breach/concurrent-broadcasts-account', 'limit_name', 'Concurrent Compositions'))).not.toHaveProperty('channelArn');
  });
});

describe('policies and a name ivs-guard does not know yet', () => {
  const doc = loadPolicyDocument(
    [
      'version: 1',
      'policies:',
      '  - name: on-start',
      '    on: { detailType: IVS Stream State Change, names: [Stream Start] }',
      '    then: [{ notify: { severity: info } }]',
      '  - name: every-stream-event',
      '    on: { detailType: IVS Stream State Change }',
      '    then: [{ notify: { severity: info } }]',
    ].join('\n'),
  );

  it('fires no policy that names events, and those that take every name of the detail-type', () => {
    const event = accepted(withName('stream-state/stream-start', 'event_name', 'Stream Frobnicated'));
    expect(evaluate(event, {}, doc, new Date(event.timeMs)).map((decision) => decision.policy)).toEqual(['every-stream-event']);
  });

  it('refuses a policy that names it', () => {
    const text = ['version: 1', 'policies:', '  - name: frob', '    on: { names: [Stream Frobnicated] }', '    then: [stopStream]'].join('\n');
    expect(() => loadPolicyDocument(text)).toThrow(PolicyDocumentError);
    expect(() => loadPolicyDocument(text)).toThrow(/unknown event name 'Stream Frobnicated'/);
  });
});
