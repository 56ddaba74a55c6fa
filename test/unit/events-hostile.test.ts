import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatRejections, parseGuardEvent, parseSqsRecordBody } from '../../domain/events/index.ts';
import type { ParseResult } from '../../domain/events/index.ts';

/** A sample as parsed JSON: tests edit it freely, and the parser is what checks its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SampleJson = any;

const sampleText = (path: string) => readFileSync(new URL(`../../events/samples/${path}.json`, import.meta.url), 'utf8');
const sample = (path: string): SampleJson => JSON.parse(sampleText(path));
const MB = 1024 * 1024;

/** A sample's JSON with `insert` (raw JSON text) added as the first member of the object at `where`. */
function withRawMember(path: string, where: 'top' | 'detail' | 'pair', insert: string): string {
  const text = sampleText(path);
  const anchor = { top: /^\{/, detail: /"detail": \{/, pair: /"viewerSessions": \[\s*\{/ }[where];
  const match = anchor.exec(text);
  if (match === null) throw new Error(`no ${where} in ${path}`);
  const at = match.index + match[0].length;
  return `${text.slice(0, at)}${insert},${text.slice(at)}`;
}

function wellFormed(result: ParseResult): void {
  if (result.ok) return;
  expect(result.rejections.length).toBeGreaterThan(0);
  for (const { field, reason } of result.rejections) {
    expect(typeof field === 'string' && field.length > 0).toBe(true);
    expect(typeof reason === 'string' && reason.length > 0).toBe(true);
  }
  expect(formatRejections(result.rejections)).not.toMatch(/\n/);
}

afterEach(() => {
  // Nothing a test parsed may have reached the shared prototypes.
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('event_name');
});

describe('__proto__ and constructor keys', () => {
  it.each([
    ['at the top', 'stream-state/stream-takeover-failure', 'top' as const],
    ['in the detail', 'stream-state/stream-takeover-failure', 'detail' as const],
    ['in a viewer session pair', 'moderation/viewer-session-revocation-requested', 'pair' as const],
  ])('are harmless %s', (_, path, where) => {
    for (const insert of ['"__proto__": {"polluted": "yes"}', '"constructor": {"prototype": {"polluted": "yes"}}']) {
      const result = parseSqsRecordBody(withRawMember(path, where, insert));
      if (!result.ok) expect.fail(formatRejections(result.rejections));
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
      expect((result.event as unknown as Record<string, unknown>).polluted).toBeUndefined();
      if (result.event.kind === 'revocation-request') {
        for (const pair of result.event.viewerSessions) expect(Object.keys(pair).sort()).toEqual(['channelArn', 'viewerId', 'viewerSessionVersionsLessThanOrEqualTo']);
      }
    }
  });

  it('cannot supply a missing field through __proto__', () => {
    const event = sample('stream-state/stream-start');
    delete event.detail.event_name;
    const body = JSON.stringify(event).replace('"detail":{', '"detail":{"__proto__":{"event_name":"Stream Start"},');
    const result = parseSqsRecordBody(body);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.rejections.map((rejection) => rejection.field)).toEqual(['detail.event_name']);
  });

  it('cannot hide a pair’s channel behind __proto__', () => {
    const body = sampleText('moderation/viewer-session-revocation-requested').replace(/"channelArn": "([^"]+)"/, '"__proto__": {"channelArn": "$1"}');
    const result = parseSqsRecordBody(body);
    expect(!result.ok && result.rejections.map((rejection) => rejection.field)).toEqual(['detail.viewerSessions[0].channelArn']);
  });
});

describe('huge strings', () => {
  const huge = 'x'.repeat(MB);

  it('keeps a 1 MB unknown field and a 1 MB channel name', () => {
    const event = sample('stream-state/stream-start');
    event.detail.channel_name = huge;
    event.notes = huge;
    const result = parseGuardEvent(event);
    expect(result.ok && result.event.kind === 'stream-state' && result.event.channelName.length).toBe(MB);
  });

  it.each<[string, (event: SampleJson) => void, string]>([
    ['stream_id', (event) => (event.detail.stream_id = `st-${huge}`), 'detail.stream_id'],
    ['channel ARN', (event) => (event.resources = [`arn:aws:ivs:us-west-2:123456789012:channel/${'a'.repeat(MB)}`]), 'resources[0]'],
    ['detail-type', (event) => (event['detail-type'] = huge), 'detail-type'],
    ['event_name', (event) => (event.detail.event_name = huge), 'detail.event_name'],
    ['time', (event) => (event.time = `2026-11-20T19:00:00${'0'.repeat(MB)}Z`), 'time'],
    ['id', (event) => (event.id = huge), 'id'],
  ])('rejects a 1 MB %s with a short reason', (_, change, field) => {
    const event = sample('stream-state/stream-start');
    change(event);
    const result = parseGuardEvent(event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejections.map((rejection) => rejection.field)).toContain(field);
    expect(formatRejections(result.rejections).length).toBeLessThan(1000);
  });

  it('rejects a 1 MB viewerId', () => {
    const request = sample('moderation/viewer-session-revocation-requested');
    request.detail.viewerSessions[0].viewerId = huge;
    const result = parseGuardEvent(request);
    expect(!result.ok && result.rejections).toEqual([{ field: 'detail.viewerSessions[0].viewerId', reason: `must be 1 to 40 characters, not ${MB}` }]);
  });

  it('rejects a 1 MB body that is not JSON with a short reason', () => {
    const result = parseSqsRecordBody(`{"id": "${huge}`);
    expect(!result.ok && result.rejections[0]!.field).toBe('body');
    expect(!result.ok && result.rejections[0]!.reason.length).toBeLessThan(300);
  });
});

describe('deep nesting', () => {
  const deep = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

  it('keeps a 10k-deep unknown field', () => {
    const result = parseSqsRecordBody(withRawMember('stream-state/stream-takeover-failure', 'detail', `"nested": ${deep(10_000)}`));
    expect(result.ok).toBe(true);
  });

  /** The sample as a JSON body, with the value at `path` replaced by `json` (raw JSON text). */
  function bodyWith(path: string, set: (event: SampleJson, placeholder: string) => void, json: string): string {
    const event = sample(path);
    set(event, '__DEEP__');
    return JSON.stringify(event).replace('"__DEEP__"', json);
  }

  it.each<[string, string, (event: SampleJson, placeholder: string) => void, string]>([
    ['event_name', 'stream-state/stream-start', (event, placeholder) => (event.detail.event_name = placeholder), 'detail.event_name'],
    ['detail', 'stream-state/stream-start', (event, placeholder) => (event.detail = placeholder), 'detail'],
    ['resources', 'stream-state/stream-start', (event, placeholder) => (event.resources = placeholder), 'resources[0]'],
    ['viewerSessions', 'moderation/viewer-session-revocation-requested', (event, placeholder) => (event.detail.viewerSessions = [placeholder]), 'detail.viewerSessions[0]'],
  ])('rejects a 10k-deep %s without crashing', (_, path, set, field) => {
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const result = parseSqsRecordBody(bodyWith(path, set, arrays));
    expect(!result.ok && result.rejections.map((rejection) => rejection.field)).toContain(field);
    wellFormed(parseSqsRecordBody(bodyWith(path, set, deep(10_000))));
  });

  it('does not crash on a 10k-deep object built in memory, nor on a whole event that is one', () => {
    let nested: Record<string, unknown> = {};
    for (let depth = 0; depth < 10_000; depth += 1) nested = { a: nested };
    const event = sample('stream-state/stream-start');
    event.detail.extra = nested;
    expect(parseGuardEvent(event).ok).toBe(true);
    wellFormed(parseGuardEvent(nested));
  });

  it('does not crash on a body nested deeper than JSON.parse can go', () => {
    wellFormed(parseSqsRecordBody('['.repeat(1_000_000)));
    wellFormed(parseSqsRecordBody(deep(200_000)));
  });
});

describe('inputs that fight back', () => {
  it('turns a getter that throws into a rejection', () => {
    const event = sample('stream-state/stream-start');
    Object.defineProperty(event, 'detail', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(parseGuardEvent(event)).toEqual({ ok: false, rejections: [{ field: 'event', reason: 'could not be read: boom' }] });
  });

  it('turns a revoked proxy into a rejection', () => {
    const { proxy, revoke } = Proxy.revocable(sample('stream-state/stream-start'), {});
    revoke();
    const result = parseGuardEvent(proxy);
    expect(!result.ok && result.rejections[0]!.field).toBe('event');
  });

  it('never throws on anything at all', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (value) => {
      wellFormed(parseGuardEvent(value));
    }), { numRuns: 500 });
  });

  it('never throws when any field of a real event holds any JSON value', () => {
    const fields = ['id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'detail.event_name', 'detail.stream_id', 'detail.channel_name', 'detail.code', 'replay-name'];
    fc.assert(fc.property(fc.constantFrom(...fields), fc.jsonValue(), (field, value) => {
      const event = sample('stream-state/stream-takeover-failure');
      const [head, tail] = field.split('.') as [string, string | undefined];
      if (tail === undefined) event[head] = value;
      else event[head][tail] = value;
      wellFormed(parseGuardEvent(event));
      wellFormed(parseSqsRecordBody(JSON.stringify(event)));
    }), { numRuns: 500 });
  });

  it('never throws on any string body', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (body) => wellFormed(parseSqsRecordBody(body))), { numRuns: 300 });
  });
});
