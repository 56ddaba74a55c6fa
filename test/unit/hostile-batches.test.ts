/**
 * Hostile records in a batch, through the whole handler (middy, Powertools batch, the pipeline) over
 * in-memory ports: whatever the bad records hold, the handler answers, each bad record is rejected
 * once with a reason that names what is wrong (never retried, so never in batchItemFailures), and
 * the good records beside it are decided and published as if they were alone.
 */
import fc from 'fast-check';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { FUNCTION_ACTIONS } from '../../domain/functions.ts';
import { IVS_PATTERNS } from '../../domain/limits.ts';
import type { FailedOutcome, RecordOutcome } from '../../domain/pipeline/guard.ts';
import { makeGuard } from '../../domain/pipeline/guard.ts';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import { wrapGuard } from '../../handlers/make-handler.ts';
import { FakeAudit, FakeIvs } from '../fakes/ivs-fake.ts';
import { FakeLedger } from '../fakes/ledger-fake.ts';
import { revocationRequest, sessionWithFailures, sqsBatch, takeoverFailure } from '../fakes/events.ts';

const POLICIES = loadPolicyDocument(`
version: 1
mode: enforce
safety: { cooldownSeconds: 300, maxActionsPerHour: 1000 }
policies:
  - name: stream-key-leak
    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }
    where:
      - sessionEvents: { names: [Stream Takeover Failure], atLeast: 3, withinSeconds: 600 }
    then: [rotateStreamKey, stopStream]
`);
const GOOD_CHANNELS = 6;
const channel = (n: number) => `arn:aws:ivs:us-west-2:123456789012:channel/good${String(n).padStart(8, '0')}`;
const context = { functionName: 'ivs-guard-hostile', awsRequestId: 'hostile' } as unknown as Context;
const STREAM_ID = /^st-[a-zA-Z0-9]{23}$/;
const KNOWN_DETAIL_TYPES = new Set([
  'IVS Stream State Change',
  'IVS Stream Health Change',
  'IVS Limit Breach',
  'IVS Recording State Change',
  'IVS Stage Update',
  'IVS Participant Recording State Change',
  'IVS Composition State Change',
  'Viewer Session Revocation Requested',
]);
const ENVELOPE = ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'replay-name'];
const DETAIL = ['event_name', 'channel_name', 'stream_id', 'code', 'reason'];

type Json = Record<string, unknown>;

interface Good {
  kind: 'good';
  channel: number;
  extra: Json;
}
interface Bad {
  kind: 'bad';
  /** What was done to it, for the failure message. */
  label: string;
  body: string;
  /** The field its rejection must name. */
  field: string;
}

/** Unknown fields, which a good event may carry and must still be good with. */
const extraFields = (reserved: string[]) =>
  fc.dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !reserved.includes(key) && key !== '__proto__'),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 3 },
  );

const good: fc.Arbitrary<Good> = fc.record({ kind: fc.constant('good' as const), channel: fc.integer({ min: 0, max: GOOD_CHANNELS - 1 }), extra: extraFields(ENVELOPE) });

/** A takeover failure to break, with unknown fields at the top and in its detail. */
const base = fc.tuple(extraFields(ENVELOPE), extraFields(DETAIL)).map(([top, inDetail]): Json => {
  const event = takeoverFailure({ channelArn: channel(0) });
  return { ...top, ...event, detail: { ...inDetail, ...(event.detail as Json) } };
});

const notAString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notAnObject = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }));
const notAnArray = fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
const huge = (size: number) => 'x'.repeat(size);
const deeplyNested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Sets `value` at `path` (`detail.stream_id`), or deletes it when `value` is undefined. */
function withField(event: Json, path: string, value: unknown): Json {
  const copy = structuredClone(event);
  const [head, tail] = path.split('.') as [string, string | undefined];
  const target = tail === undefined ? copy : (copy[head] as Json);
  const key = tail ?? head;
  if (value === undefined) delete target[key];
  else target[key] = value;
  return copy;
}

const bad: fc.Arbitrary<Bad> = fc.oneof(
  // Not JSON at all: any cut of a good body, or text that opens like JSON.
  fc.tuple(base, fc.nat()).map(([event, at]): Bad => {
    const text = JSON.stringify(event);
    return { kind: 'bad', label: 'a truncated body', body: text.slice(0, at % text.length), field: 'body' };
  }),
  fc
    .string()
    .map((text) => `{${text}`)
    .filter((body) => !parses(body))
    .map((body): Bad => ({ kind: 'bad', label: `the text ${JSON.stringify(body)}`, body, field: 'body' })),
  // JSON, but not an event.
  notAnObject.map((value): Bad => ({ kind: 'bad', label: `the JSON value ${JSON.stringify(value)}`, body: JSON.stringify(value), field: 'event' })),
  // A required field missing.
  fc.tuple(base, fc.constantFrom('id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail', 'detail.event_name', 'detail.stream_id')).map(
    ([event, field]): Bad => ({ kind: 'bad', label: `no ${field}`, body: JSON.stringify(withField(event, field, undefined)), field }),
  ),
  // A field of the wrong type.
  fc.tuple(base, fc.constantFrom('id', 'detail-type', 'source', 'account', 'time', 'region', 'detail.event_name', 'detail.stream_id'), notAString).map(
    ([event, field, value]): Bad => ({ kind: 'bad', label: `${field} = ${JSON.stringify(value)}`, body: JSON.stringify(withField(event, field, value)), field }),
  ),
  fc.tuple(base, notAnObject).map(([event, value]): Bad => ({ kind: 'bad', label: `detail = ${JSON.stringify(value)}`, body: JSON.stringify(withField(event, 'detail', value)), field: 'detail' })),
  fc.tuple(base, notAnArray).map(([event, value]): Bad => ({ kind: 'bad', label: `resources = ${JSON.stringify(value)}`, body: JSON.stringify(withField(event, 'resources', value)), field: 'resources' })),
  // Bogus ARNs and stream ids.
  fc
    .tuple(base, fc.oneof(fc.string(), fc.constantFrom('arn:aws:ivs:us-west-2:1:channel/', 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh', 'arn:aws:s3:::bucket', 'arn:aws:ivs:us-west-2:123456789012:channel/has space')))
    .filter(([, arn]) => !IVS_PATTERNS.channelArn.test(arn))
    .map(([event, arn]): Bad => ({ kind: 'bad', label: `resources = [${JSON.stringify(arn)}]`, body: JSON.stringify(withField(event, 'resources', [arn])), field: 'resources[0]' })),
  fc
    .tuple(base, fc.oneof(fc.string(), fc.constantFrom('st-short', `st-${'a'.repeat(24)}`, 'st-huG8GP38g4o5MNJAYKJ1UX!', 'ST-HUG8GP38G4O5MNJAYKJ1UXX')))
    .filter(([, id]) => !STREAM_ID.test(id))
    .map(([event, id]): Bad => ({ kind: 'bad', label: `stream_id = ${JSON.stringify(id)}`, body: JSON.stringify(withField(event, 'detail.stream_id', id)), field: 'detail.stream_id' })),
  // Huge strings where a short one belongs.
  fc.tuple(base, fc.constantFrom('id', 'detail-type', 'detail.event_name', 'detail.stream_id'), fc.integer({ min: 300, max: 200_000 })).map(
    ([event, field, size]): Bad => ({ kind: 'bad', label: `a ${size}-character ${field}`, body: JSON.stringify(withField(event, field, huge(size))), field }),
  ),
  // Deep nesting where a string belongs.
  fc.tuple(base, fc.constantFrom('detail.event_name', 'detail.stream_id', 'detail'), fc.integer({ min: 100, max: 5000 })).map(([event, field, depth]): Bad => {
    const body = JSON.stringify(withField(event, field, '__DEEP__')).replace('"__DEEP__"', field === 'detail' ? `[${deeplyNested(depth)}]` : deeplyNested(depth));
    return { kind: 'bad', label: `${field} nested ${depth} deep`, body, field };
  }),
  // A missing field that __proto__ or constructor tries to supply.
  fc.tuple(base, fc.constantFrom('__proto__', 'constructor'), fc.constantFrom('detail.event_name', 'detail.stream_id', 'source', 'time')).map(([event, key, field]): Bad => {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const missing = withField(event, field, undefined);
    const supplied = JSON.stringify({ [tail ?? head]: tail === undefined ? event[head] : (event.detail as Json)[tail] });
    const body = tail === undefined ? JSON.stringify(missing).replace(/^\{/, `{"${key}":${supplied},`) : JSON.stringify(missing).replace('"detail":{', `"detail":{"${key}":${supplied},`);
    return { kind: 'bad', label: `${field} only in ${key}`, body, field };
  }),
  // A detail-type no rule knows, or the right one from the wrong source.
  fc
    .tuple(base, fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('ivs stream state change', 'IVS Stream State Change ', 'AWS API Call via CloudTrail')))
    .filter(([, type]) => !KNOWN_DETAIL_TYPES.has(type))
    .map(([event, type]): Bad => ({ kind: 'bad', label: `detail-type ${JSON.stringify(type)}`, body: JSON.stringify({ ...event, 'detail-type': type }), field: 'detail-type' })),
  fc.tuple(base, fc.constantFrom('aws.ivs.fake', 'ivs-guard.moderation', 'aws.events')).map(([event, source]): Bad => ({ kind: 'bad', label: `source ${source}`, body: JSON.stringify({ ...event, source }), field: 'source' })),
  // A revocation request whose pairs are wrong.
  fc
    .constantFrom<[string, (pair: Json) => void]>(
      ['viewerId', (pair) => delete pair.viewerId],
      ['viewerId', (pair) => (pair.viewerId = huge(41))],
      ['channelArn', (pair) => (pair.channelArn = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh')],
      ['viewerSessionVersionsLessThanOrEqualTo', (pair) => (pair.viewerSessionVersionsLessThanOrEqualTo = -1)],
      ['viewerSessionVersionsLessThanOrEqualTo', (pair) => (pair.viewerSessionVersionsLessThanOrEqualTo = 1.5)],
    )
    .map(([field, spoil]): Bad => {
      const request = revocationRequest([{ channelArn: channel(0), viewerId: 'viewer-1' }]);
      const pair = ((request.detail as Json).viewerSessions as Json[])[0]!;
      spoil(pair);
      return { kind: 'bad', label: `a revocation pair with a bad ${field}`, body: JSON.stringify(request), field: `detail.viewerSessions[0].${field}` };
    }),
);

/** Good and bad records, at least one of each, in any order. */
const batches = fc
  .tuple(fc.array(good, { minLength: 1, maxLength: 4 }), fc.array(bad, { minLength: 1, maxLength: 8 }))
  .chain(([goods, bads]) => fc.shuffledSubarray<Good | Bad>([...goods, ...bads], { minLength: goods.length + bads.length }));

/** Whether a rejection names `field`: as its field, a field inside it, or in its reason (a missing source is told on detail-type). */
const names = (rejection: { field: string; reason: string }, field: string) =>
  rejection.field === field || rejection.field.startsWith(`${field}.`) || rejection.field.startsWith(`${field}[`) || rejection.reason.includes(field);

afterEach(() => {
  expect(({} as Json).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('event_name');
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('stream_id');
});

describe('a batch of hostile records beside good ones', () => {
  it('rejects each bad record with a reason naming what is wrong, retries none of them, and decides every good one', async () => {
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(batches, async (records) => {
        const ivs = new FakeIvs();
        for (let n = 0; n < GOOD_CHANNELS; n += 1) ivs.withSession(channel(n), sessionWithFailures(3, 60));
        const audit = new FakeAudit();
        const outcomes = new Map<string, RecordOutcome | FailedOutcome>();
        const handler = wrapGuard(
          makeGuard({
            ivs,
            audit,
            ledger: new FakeLedger(),
            policies: POLICIES,
            clock: () => new Date('2026-11-20T19:10:30Z'),
            allowedActions: FUNCTION_ACTIONS.stream,
            onOutcome: (messageId, outcome) => outcomes.set(messageId, outcome),
          }),
        );
        const ids: Array<string | undefined> = [];
        const bodies = records.map((record) => {
          if (record.kind === 'bad') {
            ids.push(undefined);
            return record.body;
          }
          const event = { ...record.extra, ...takeoverFailure({ channelArn: channel(record.channel), id: `good-${(serial += 1)}` }) };
          ids.push(String(event.id));
          return JSON.stringify(event);
        });

        const response = await handler(sqsBatch(bodies), context);

        expect(response).toEqual({ batchItemFailures: [] });
        for (const [index, record] of records.entries()) {
          const outcome = outcomes.get(`msg-${index}`);
          if (record.kind === 'bad') {
            if (outcome?.status !== 'rejected') expect.fail(`${record.label}: ended ${outcome?.status ?? 'with no outcome'}, not rejected`);
            expect(outcome.rejections.length).toBeGreaterThan(0);
            for (const { field, reason } of outcome.rejections) expect(field.length > 0 && reason.length > 0 && reason.length < 2000, record.label).toBe(true);
            if (!outcome.rejections.some((rejection) => names(rejection, record.field))) {
              expect.fail(`${record.label}: the rejection does not name ${record.field}: ${JSON.stringify(outcome.rejections)}`);
            }
          } else {
            expect(outcome?.status, `good record ${ids[index] ?? '?'}`).toBe('processed');
            expect(audit.published.filter((d) => d.eventId === ids[index]).map((d) => d.policy)).toEqual(['stream-key-leak']);
          }
        }
        // Only the good records reached IVS: one session lookup per channel they name, nothing for the bad ones.
        const goodChannels = new Set(records.flatMap((r) => (r.kind === 'good' ? [channel(r.channel)] : [])));
        expect(new Set(ivs.callsOf('GetStreamSession').map((call) => call.args[0]))).toEqual(goodChannels);
        expect(ivs.callsOf('StopStream')).toHaveLength(goodChannels.size);
      }),
      { numRuns: 80 },
    );
  });
});
