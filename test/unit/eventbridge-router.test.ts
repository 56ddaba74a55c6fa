import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATTERNS_PATH, loadRoutes, route, routesFromPatterns } from '../../local/eventbridge/router.ts';

/** An event as EventBridge delivers it. */
function envelope(source: string, detailType: string, detail: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '12345678-1234-1234-1234-123456789012',
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: '2026-11-20T19:00:00Z',
    region: 'us-west-2',
    resources: ['arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh'],
    detail,
  };
}

const routes = loadRoutes();

describe('route: events/patterns.json', () => {
  it('loads one route per function of events/patterns.json, in its order', () => {
    expect(routes.map((candidate) => candidate.name)).toEqual(['stream', 'recording', 'stage', 'moderation']);
  });

  it.each([
    ['IVS Stream State Change', { event_name: 'Stream Takeover Failure', channel_name: 'main' }, ['stream']],
    ['IVS Stream Health Change', { event_name: 'Starvation Start' }, ['stream']],
    ['IVS Limit Breach', { limit_name: 'Chunk Delay' }, ['stream']],
    ['IVS Recording State Change', { recording_status: 'Recording Start Failure' }, ['recording']],
    ['IVS Stage Update', { event_name: 'Participant Published' }, ['stage']],
    ['IVS Participant Recording State Change', { event_name: 'Recording Start' }, ['stage']],
    ['IVS Composition State Change', { event_name: 'Session Start' }, ['stage']],
    ['IVS Publisher Recording State Change', { event_name: 'Recording Start' }, ['stage']],
  ])('aws.ivs "%s" goes to the right function', (detailType, detail, expected) => {
    expect(route(routes, envelope('aws.ivs', detailType, detail))).toEqual(expected);
  });

  it('a moderation request goes to the moderation function', () => {
    const request = envelope('ivs-guard.moderation', 'Viewer Session Revocation Requested', {
      viewerSessions: [{ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh', viewerId: 'viewer-1' }],
    });
    expect(route(routes, request)).toEqual(['moderation']);
  });

  it.each([
    ['another source with an IVS detail-type', envelope('aws.ec2', 'IVS Stream State Change')],
    ['a spoofed source that only starts like aws.ivs', envelope('aws.ivs.fake', 'IVS Stream State Change')],
    ['an IVS event kind the guard does not handle', envelope('aws.ivs', 'IVS Channel Update')],
    ['detail-type matching is case-sensitive', envelope('aws.ivs', 'ivs stream state change')],
    ['a moderation detail-type from aws.ivs', envelope('aws.ivs', 'Viewer Session Revocation Requested')],
    ['an IVS detail-type from the moderation source', envelope('ivs-guard.moderation', 'IVS Stream State Change')],
    ['something that is not an event', 'IVS Stream State Change'],
  ])('ignores %s', (_, event) => {
    expect(route(routes, event)).toEqual([]);
  });
});

describe('route: moderationSource', () => {
  const custom = loadRoutes(DEFAULT_PATTERNS_PATH, { moderationSource: 'acme.moderation' });
  const request = (source: string): Record<string, unknown> => envelope(source, 'Viewer Session Revocation Requested');

  it.each([
    ['the deployed source reaches moderation', 'acme.moderation', ['moderation']],
    ['the default source no longer does', 'ivs-guard.moderation', []],
  ])('%s', (_, source, expected) => expect(route(custom, request(source))).toEqual(expected));

  it('changes only the moderation pattern', () => {
    expect(custom.map((candidate) => candidate.pattern)).toEqual([
      ...routes.slice(0, 3).map((candidate) => candidate.pattern),
      { ...routes[3]!.pattern, source: ['acme.moderation'] },
    ]);
    expect(route(custom, envelope('aws.ivs', 'IVS Stream State Change'))).toEqual(['stream']);
  });

  it('leaves events/patterns.json as it is', () => {
    const onDisk = JSON.parse(readFileSync(DEFAULT_PATTERNS_PATH, 'utf8')) as Record<string, { source: string[] }>;
    expect(onDisk.moderation!.source).toEqual(['ivs-guard.moderation']);
  });

  it.each([
    ['an empty source', { moderation: { source: ['x'] } }, { moderationSource: '' }, 'moderationSource must not be empty'],
    ['no moderation pattern to change', { stream: { source: ['aws.ivs'] } }, { moderationSource: 'acme' }, 'no "moderation" pattern'],
  ])('refuses %s', (_, patterns, options, message) => {
    expect(() => routesFromPatterns(patterns, options)).toThrow(message);
  });
});

describe('loadRoutes: bad files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-router-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it.each([
    ['a missing file', join(dir, 'absent.json'), 'cannot read the EventBridge patterns'],
    ['text that is not JSON', file('broken.json', '{"stream": '), 'cannot read the EventBridge patterns'],
    ['a list instead of an object', file('list.json', '[]'), 'must be an object mapping function names to EventBridge patterns'],
    ['an invalid pattern, naming the function', file('invalid.json', '{"stream": {"source": "aws.ivs"}}'), 'the pattern of "stream" is not valid: source: must be an object'],
  ])('%s', (_, path, message) => {
    expect(() => loadRoutes(path)).toThrow(message);
  });
});
