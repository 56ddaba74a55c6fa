/**
 * The read operations of `aws ivs` over what a world holds (#12.7), presets as IVS answers them and
 * tags per service (#14.7), and what an unserved operation is told.
 */
import { describe, expect, it } from 'vitest';
import type { EmulatorWorld, WorldFile } from '../../local/emulator/index.ts';
import { createWorld, loadWorldFile } from '../../local/emulator/index.ts';
import type { ServiceName } from '../../local/emulator/model.ts';
import { OPERATIONS } from '../../local/emulator/operations/index.ts';
import { routeRequest } from '../../local/emulator/router.ts';

const arn = (type: string, id: string) => `arn:aws:ivs:us-west-2:123456789012:${type}/${id}`;
const RECORDING = arn('recording-configuration', 'RecordCfg001');
const POLICY = arn('playback-restriction-policy', 'RestrictPol1');
const STAGE = arn('stage', 'TownHall0001');

/** The answer, or `{ error, message }` for what the operation throws. */
function ask(world: EmulatorWorld, service: ServiceName, operation: string, input: Record<string, unknown> = {}): Record<string, unknown> {
  const handler = OPERATIONS[service][operation];
  if (!handler) throw new Error(`no operation ${operation}`);
  try {
    return JSON.parse(JSON.stringify(handler(world, input) ?? {})) as Record<string, unknown>;
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

function worldOf(file: WorldFile): EmulatorWorld {
  return createWorld(loadWorldFile(file), { clock: () => new Date('2026-11-20T20:00:00Z') });
}

const WORLD = worldOf({
  channels: [
    { arn: arn('channel', 'Chan0003'), name: 'news-live', recordingConfigurationArn: RECORDING },
    { arn: arn('channel', 'Chan0001'), name: 'sports-live', playbackRestrictionPolicyArn: POLICY },
    { arn: arn('channel', 'Chan0002'), name: 'sports-replay', recordingConfigurationArn: RECORDING, tags: { team: 'sports' } },
  ],
  stages: [{ arn: STAGE, tags: { team: 'events' } }],
});

describe('presets', () => {
  it.each([
    ['STANDARD', undefined, ''],
    ['BASIC', undefined, ''],
    ['ADVANCED_SD', undefined, 'HIGHER_BANDWIDTH_DELIVERY'],
    ['ADVANCED_HD', undefined, 'HIGHER_BANDWIDTH_DELIVERY'],
    ['ADVANCED_HD', 'CONSTRAINED_BANDWIDTH_DELIVERY', 'CONSTRAINED_BANDWIDTH_DELIVERY'],
    [undefined, undefined, ''],
  ])('a %s channel with preset %s answers %j', (type, preset, expected) => {
    const channelArn = arn('channel', 'Preset0001');
    const world = worldOf({ channels: [{ arn: channelArn, ...(type ? { type } : {}), ...(preset ? { preset } : {}) }] });

    expect(ask(world, 'ivs', 'GetChannel', { arn: channelArn })).toMatchObject({ channel: { preset: expected } });
    expect(ask(world, 'ivs', 'ListChannels')).toMatchObject({ channels: [{ preset: expected }] });
  });

  it('a channel an event brings into the world is STANDARD, preset ""', () => {
    const world = createWorld();
    expect(world.ensureChannel(arn('channel', 'FromEvent001')).channel).toMatchObject({ type: 'STANDARD', preset: '' });
  });

  it('refuses a world file that gives a STANDARD channel a preset, naming the field', () => {
    expect(() => loadWorldFile({ channels: [{ arn: arn('channel', 'Preset0001'), type: 'STANDARD', preset: 'HIGHER_BANDWIDTH_DELIVERY' }] })).toThrow(
      /channels\[0\]\.preset: is only for ADVANCED_SD and ADVANCED_HD channels; a STANDARD channel's preset is ""/,
    );
  });
});

describe('ListChannels', () => {
  const names = (answer: Record<string, unknown>) => (answer.channels as { name: string }[] | undefined)?.map((c) => c.name) ?? answer;

  it.each([
    ['no filter: every channel, in ARN order', {}, ['sports-live', 'sports-replay', 'news-live']],
    ['by name: the names that contain it', { filterByName: 'sports' }, ['sports-live', 'sports-replay']],
    ['by name, matching none', { filterByName: 'weather' }, []],
    ['by recording configuration', { filterByRecordingConfigurationArn: RECORDING }, ['sports-replay', 'news-live']],
    ['by playback restriction policy', { filterByPlaybackRestrictionPolicyArn: POLICY }, ['sports-live']],
  ])('%s', (_, input, expected) => {
    expect(names(ask(WORLD, 'ivs', 'ListChannels', input))).toEqual(expected);
  });

  it('answers summaries: the ChannelSummary members, not ingest endpoints or keys', () => {
    const [first] = ask(WORLD, 'ivs', 'ListChannels').channels as Record<string, unknown>[];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      ['arn', 'authorized', 'insecureIngest', 'latencyMode', 'name', 'playbackRestrictionPolicyArn', 'preset', 'recordingConfigurationArn', 'tags', 'type'].sort(),
    );
  });

  it('pages with maxResults and nextToken, every channel once', () => {
    const first = ask(WORLD, 'ivs', 'ListChannels', { maxResults: 2 });
    const second = ask(WORLD, 'ivs', 'ListChannels', { maxResults: 2, nextToken: first.nextToken });

    expect([names(first), names(second)]).toEqual([['sports-live', 'sports-replay'], ['news-live']]);
    expect(second).not.toHaveProperty('nextToken');
  });

  it('answers two filters with ConflictException, naming them', () => {
    expect(ask(WORLD, 'ivs', 'ListChannels', { filterByName: 'sports', filterByPlaybackRestrictionPolicyArn: POLICY })).toEqual({
      error: 'ConflictException',
      message: 'ListChannels takes one filter at a time (got filterByName, filterByPlaybackRestrictionPolicyArn)',
    });
  });
});

describe('what channels refer to', () => {
  it('lists each recording configuration a channel names, once', () => {
    expect(ask(WORLD, 'ivs', 'ListRecordingConfigurations')).toEqual({
      recordingConfigurations: [{ arn: RECORDING, name: 'RecordCfg001', destinationConfiguration: { s3: { bucketName: 'ivs-recordings' } }, state: 'ACTIVE', tags: {} }],
    });
    expect(ask(WORLD, 'ivs', 'GetRecordingConfiguration', { arn: RECORDING })).toMatchObject({ recordingConfiguration: { arn: RECORDING, state: 'ACTIVE' } });
  });

  it('describes a recording configuration as the world file\'s session does', () => {
    const described = { arn: RECORDING, name: 'archive', destinationConfiguration: { s3: { bucketName: 'my-archive' } }, state: 'ACTIVE' };
    const world = worldOf({ channels: [{ arn: arn('channel', 'Chan0001'), recordingConfigurationArn: RECORDING, streamSessions: [{ startTime: '2026-11-20T19:00:00Z', recordingConfiguration: described }] }] });
    expect(ask(world, 'ivs', 'GetRecordingConfiguration', { arn: RECORDING })).toEqual({ recordingConfiguration: described });
  });

  it.each([
    ['GetRecordingConfiguration', { arn: arn('recording-configuration', 'NoSuchCfg001') }, /^Recording configuration not found/],
    ['GetPlaybackRestrictionPolicy', { arn: arn('playback-restriction-policy', 'NoSuchPolicy') }, /^Playback restriction policy not found/],
    ['GetPlaybackKeyPair', { arn: arn('playback-key', 'AnyKeyPair01') }, /^Playback key pair \(a world holds none\) not found/],
  ])('%s of what no channel names is ResourceNotFoundException', (operation, input, message) => {
    expect(ask(WORLD, 'ivs', operation, input)).toEqual({ error: 'ResourceNotFoundException', message: expect.stringMatching(message) as string });
  });

  it('lists playback restriction policies channels name, and no key pairs', () => {
    expect(ask(WORLD, 'ivs', 'ListPlaybackRestrictionPolicies')).toEqual({
      playbackRestrictionPolicies: [{ arn: POLICY, name: 'RestrictPol1', allowedCountries: [], allowedOrigins: [], enableStrictOriginEnforcement: false, tags: {} }],
    });
    expect(ask(WORLD, 'ivs', 'ListPlaybackKeyPairs')).toEqual({ keyPairs: [] });
  });
});

describe('tags, per service', () => {
  it.each([
    ['ivs', arn('channel', 'Chan0002'), { team: 'sports' }],
    ['ivs-realtime', STAGE, { team: 'events' }],
  ] as const)('%s ListTagsForResource answers for its own resources', (service, resourceArn, tags) => {
    expect(ask(WORLD, service, 'ListTagsForResource', { resourceArn })).toEqual({ tags });
  });

  it.each([
    ['ivs', STAGE, 'a channel or stream key'],
    ['ivs-realtime', arn('channel', 'Chan0002'), 'a stage'],
  ] as const)('%s ListTagsForResource does not answer for the other service\'s resource', (service, resourceArn, what) => {
    expect(ask(WORLD, service, 'ListTagsForResource', { resourceArn })).toEqual({ error: 'ResourceNotFoundException', message: `Resource (${what}) not found: ${resourceArn}` });
  });

  it('TagResource adds and replaces, UntagResource removes, and both are recorded', () => {
    const world = worldOf({ channels: [{ arn: arn('channel', 'Chan0001'), tags: { team: 'sports', guard: 'on' } }] });
    const resourceArn = arn('channel', 'Chan0001');

    ask(world, 'ivs', 'TagResource', { resourceArn, tags: { guard: 'off', owner: 'ops' } });
    expect(ask(world, 'ivs', 'GetChannel', { arn: resourceArn })).toMatchObject({ channel: { tags: { team: 'sports', guard: 'off', owner: 'ops' } } });
    ask(world, 'ivs', 'UntagResource', { resourceArn, tagKeys: ['owner', 'team', 'absent'] });

    expect(ask(world, 'ivs', 'ListTagsForResource', { resourceArn })).toEqual({ tags: { guard: 'off' } });
    expect(world.actions.map((a) => [a.operation, a.detail])).toEqual([
      ['TagResource', { keys: 'guard,owner' }],
      ['UntagResource', { keys: 'absent,owner,team' }],
    ]);
  });

  it('refuses a 51st tag and changes nothing', () => {
    const resourceArn = arn('channel', 'Chan0001');
    const world = worldOf({ channels: [{ arn: resourceArn, tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) }] });

    expect(ask(world, 'ivs', 'TagResource', { resourceArn, tags: { extra: 'x' } })).toEqual({ error: 'ValidationException', message: `A resource can have at most 50 tags; ${resourceArn} would have 51` });
    expect(Object.keys(ask(world, 'ivs', 'ListTagsForResource', { resourceArn }).tags as object)).toHaveLength(50);
  });
});

describe('an operation the emulator does not serve', () => {
  it.each([
    ['POST', '/CreateChannel', /does not serve the operation ivs CreateChannel \(POST \/CreateChannel\)/],
    ['POST', '/CreateStage', /does not serve the operation ivs-realtime CreateStage \(POST \/CreateStage\)/],
    ['GET', '/no/such/path', /^The emulator serves no operation at GET \/no\/such\/path\. It serves/],
  ])('%s %s is named, with what is served', (method, url, named) => {
    const route = routeRequest(method, url, undefined);
    expect(route).toMatchObject({ kind: 'unknown', message: expect.stringMatching(named) as string });
    const message = route.kind === 'unknown' ? route.message : '';
    expect(message).toContain('It serves ivs: BatchGetChannel, BatchStartViewerSessionRevocation, CreateStreamKey');
    expect(message).toMatch(/ListChannels.*; ivs-realtime: DisconnectParticipant, GetParticipant, GetStage, GetStageSession, ListParticipantEvents, ListParticipants, ListStageSessions, ListStages, ListTagsForResource/);
  });
});
