/**
 * The policies.yml that deploys: each policy fires on its scenario and stays quiet on the near-misses.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGuardEvent } from '../../domain/events/index.ts';
import type { GuardEvent } from '../../domain/events/types.ts';
import { enrichmentNeeds, evaluate, loadPolicyDocument } from '../../domain/policy/index.ts';
import { isProtected } from '../../domain/pipeline/gate.ts';
import type { EvaluationContext } from '../../domain/policy/index.ts';
import type { Participant, ParticipantEvent, StreamEvent } from '../../domain/session.ts';
import {
  before,
  CHANNEL,
  failures,
  NOW,
  pair,
  OTHER_CHANNEL,
  recordingState,
  revocationRequest,
  session,
  STAGE,
  stageUpdate,
  streamState,
  takeoverFailure,
  video,
} from './policy-fixtures.ts';

const doc = loadPolicyDocument(readFileSync(new URL('../../policies.yml', import.meta.url), 'utf8'));
const fired = (event: GuardEvent, context: EvaluationContext) => evaluate(event, context, doc, NOW).map((d) => d.policy);
const KEEPALIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/keepalive01';

it('ships seven policies, enforcing by default', () => {
  expect(doc.mode).toBe('enforce');
  expect(doc.policies.map((p) => p.name)).toEqual(['stream-key-leak', 'ingest-ceiling', 'must-record', 'unauthorised-publisher', 'repeated-publish-errors', 'moderation-disconnect', 'moderation']);
  expect(doc.safety).toEqual({ cooldownSeconds: 300, maxActionsPerHour: 50 });
});

describe('stream-key-leak', () => {
  const mixed = failures(3, 137, { codes: ['StreamTakeoverInvalidPriority', 'StreamTakeoverLimitBreached', 'StreamTakeoverInvalidPriority'] });

  it('rotates the key, then stops the stream, on 3 takeover failures in 10 minutes', () => {
    const [decision] = evaluate(takeoverFailure(), { session: session({ events: mixed }) }, doc, NOW);

    expect(decision).toEqual({
      policy: 'stream-key-leak',
      mode: 'enforce',
      evidence: [
        `Stream Takeover Failure on ${CHANNEL} at 2026-11-20T19:10:00Z, code StreamTakeoverInvalidPriority`,
        '3 stream takeover failures in 274 s: StreamTakeoverInvalidPriority ×2, StreamTakeoverLimitBreached ×1 (at least 3 within 600 s)',
      ],
      actions: [
        { type: 'rotateStreamKey', channelArn: CHANNEL },
        { type: 'stopStream', channelArn: CHANNEL },
      ],
      unbound: [],
    });
  });

  it.each<[string, GuardEvent, StreamEvent[]]>([
    ['one failure short', takeoverFailure(), failures(2, 60)],
    ['one failure outside the 10 minutes', takeoverFailure(), failures(3, 301)],
    ['one failure after the triggering event', takeoverFailure(), failures(3, 60, { lastSecondsBefore: -60 })],
    ['one failure of a code that is not a leak (media mismatch)', takeoverFailure(), failures(3, 60, { codes: ['StreamTakeoverInvalidPriority', 'StreamTakeoverMediaMismatch'] })],
    ['a successful takeover does not trigger it', streamState('Stream Takeover'), failures(3, 60)],
  ])('stays quiet: %s', (_, event, events) => {
    expect(fired(event, { session: session({ events }) })).not.toContain('stream-key-leak');
  });

  it('needs the stream session, and decides nothing without it', () => {
    expect(enrichmentNeeds(takeoverFailure(), doc)).toEqual({ session: true, participant: false, participantEvents: false });
    expect(fired(takeoverFailure(), {})).toEqual([]);
  });
});

describe('ingest-ceiling', () => {
  it('stops a 4K broadcast', () => {
    const [decision] = evaluate(streamState('Stream Start'), { session: session({ video: [video(3840, 2160, 60, 12000000)] }) }, doc, NOW);

    expect(decision).toMatchObject({
      policy: 'ingest-ceiling',
      mode: 'enforce',
      evidence: [expect.stringContaining('Stream Start'), 'video track 0 is 3840x2160 at 60 fps, 12000000 bps: exceeds videoHeight 1080, videoBitrate 8500000'],
      actions: [{ type: 'stopStream', channelArn: CHANNEL }],
    });
  });

  it.each<[string, Parameters<typeof video>]>([
    ['1080p60 at 8.5 Mbps: every limit met exactly', [1920, 1080, 60, 8500000]],
    ['720p30 at 3 Mbps', [1280, 720, 30, 3000000]],
  ])('stays quiet: %s', (_, track) => {
    expect(fired(streamState('Stream Start'), { session: session({ video: [video(...track)] }) })).toEqual([]);
  });

  it('stays quiet on another stream event, however large the ingest', () => {
    expect(fired(streamState('Stream End'), { session: session({ video: [video(3840, 2160, 60, 12000000)] }) })).toEqual([]);
  });

  it('fires on one frame per second too many', () => {
    expect(fired(streamState('Stream Start'), { session: session({ video: [video(1920, 1080, 61, 8500000)] }) })).toEqual(['ingest-ceiling']);
  });
});

describe('must-record', () => {
  const tagged = (tags: Record<string, string>) => session({ channel: { arn: CHANNEL, type: 'STANDARD', tags } });

  it('in dry-run: would put metadata, then stop the stream, on a channel that must be recorded', () => {
    const [decision] = evaluate(recordingState('Recording Start Failure'), { session: tagged({ compliance: 'record-required' }) }, doc, NOW);

    expect(decision).toEqual({
      policy: 'must-record',
      mode: 'dry-run',
      evidence: [`Recording Start Failure on ${CHANNEL} at 2026-11-20T19:10:00Z`, 'channel tag compliance=record-required'],
      actions: [
        { type: 'putMetadata', channelArn: CHANNEL, text: 'recording unavailable' },
        { type: 'stopStream', channelArn: CHANNEL },
      ],
      unbound: [],
    });
  });

  it.each<[string, GuardEvent, Record<string, string>]>([
    ['a channel without the tag', recordingState('Recording Start Failure'), { team: 'live' }],
    ['a channel with another compliance', recordingState('Recording Start Failure'), { compliance: 'none' }],
    ['a failure to end a recording', recordingState('Recording End Failure'), { compliance: 'record-required' }],
  ])('stays quiet: %s', (_, event, tags) => {
    expect(fired(event, { session: tagged(tags) })).toEqual([]);
  });
});

describe('unauthorised-publisher', () => {
  const participant = (attributes: Record<string, string>, state = 'CONNECTED'): Participant => ({ participantId: 'abCDEf12GHIj', userId: 'host-1', state, published: true, attributes });

  it('disconnects a participant who publishes although its token does not allow it', () => {
    const [decision] = evaluate(stageUpdate('Participant Published'), { participant: participant({ role: 'viewer' }) }, doc, NOW);

    expect(decision).toEqual({
      policy: 'unauthorised-publisher',
      mode: 'enforce',
      evidence: [
        `Participant Published by participant abCDEf12GHIj on ${STAGE} at 2026-11-20T19:10:00Z`,
        'participant abCDEf12GHIj: state CONNECTED',
        'not: participant abCDEf12GHIj: attribute canPublish is not set, not true',
      ],
      actions: [{ type: 'disconnectParticipant', stageArn: STAGE, participantId: 'abCDEf12GHIj', reason: 'your token does not allow publishing on this stage' }],
      unbound: [],
    });
  });

  it('fires on a token whose canPublish is anything but "true"', () => {
    expect(fired(stageUpdate('Participant Published'), { participant: participant({ canPublish: 'false' }) })).toEqual(['unauthorised-publisher']);
  });

  it.each<[string, GuardEvent, Participant]>([
    ['a host, whose token allows publishing', stageUpdate('Participant Published'), participant({ role: 'host', canPublish: 'true' })],
    ['a participant already gone', stageUpdate('Participant Published'), participant({ role: 'viewer' }, 'DISCONNECTED')],
    ['an unpublish', stageUpdate('Participant Unpublished'), participant({ role: 'viewer' })],
    ['a token exchange', stageUpdate('Token Exchanged'), participant({ role: 'viewer' })],
  ])('stays quiet: %s', (_, event, who) => {
    expect(fired(event, { participant: who })).toEqual([]);
  });

  it('needs the participant, and decides nothing without it', () => {
    expect(enrichmentNeeds(stageUpdate('Participant Published'), doc)).toEqual({ session: false, participant: true, participantEvents: false });
    expect(enrichmentNeeds(stageUpdate('Participant Unpublished'), doc)).toEqual({ session: false, participant: false, participantEvents: false });
    expect(fired(stageUpdate('Participant Published'), {})).toEqual([]);
  });
});

describe('moderation', () => {
  it('revokes exactly the pairs the request names', () => {
    const pairs = [pair('viewer-1', 1763665800), pair('viewer-2', 0, OTHER_CHANNEL), pair('viewer-3')];
    const [decision] = evaluate(revocationRequest(pairs), {}, doc, NOW);

    expect(decision).toMatchObject({ policy: 'moderation', mode: 'enforce', actions: [{ type: 'revokeViewerSessions', viewerSessions: pairs }], unbound: [] });
  });

  it('needs no enrichment', () => {
    expect(enrichmentNeeds(revocationRequest([pair('v1')]), doc)).toEqual({ session: false, participant: false, participantEvents: false });
  });

  it('stays quiet on stream events', () => {
    expect(fired(streamState('Stream Start'), { session: session() })).toEqual([]);
  });
});

describe('protected channels', () => {
  it.each<[string, string, Record<string, string> | undefined, boolean]>([
    ['a keepalive channel, by ARN', KEEPALIVE, undefined, true],
    ['a channel tagged guard=off', CHANNEL, { guard: 'off' }, true],
    ['an ordinary channel', CHANNEL, { guard: 'on' }, false],
  ])('%s', (_, arn, tags, expected) => {
    expect(isProtected(arn, tags, doc.protectedChannels).protected).toBe(expected);
  });

  it('a leak on a keepalive channel is decided, and its target is protected (the guard then skips it)', () => {
    const event = { ...takeoverFailure(), channelArn: KEEPALIVE };
    const [decision] = evaluate(event, { session: session({ events: failures(3, 60) }) }, doc, NOW);
    const targets = decision?.actions.map((a) => ('channelArn' in a ? a.channelArn : undefined));

    expect(targets).toEqual([KEEPALIVE, KEEPALIVE]);
    expect(targets?.every((arn) => arn !== undefined && isProtected(arn, undefined, doc.protectedChannels).protected)).toBe(true);
  });

  it('asks for the tags of a channel its ARN does not protect', () => {
    expect(isProtected(CHANNEL, undefined, doc.protectedChannels)).toEqual({ protected: false, needsTags: true });
  });
});

it('stream-key-leak stays quiet on failures an hour before the trigger', () => {
  const old = failures(3, 60).map((e) => ({ ...e, eventTime: before(3600) }));
  expect(fired(takeoverFailure(), { session: session({ events: old }) })).toEqual([]);
});

describe('repeated-publish-errors', () => {
  const publishError = { ...stageUpdate('Participant Publish Error'), errorCode: 'BITRATE_EXCEEDED' };
  const errorsAt = (...secondsBefore: number[]): ParticipantEvent[] =>
    secondsBefore.map((s) => ({ name: 'PUBLISH_ERROR', participantId: 'abCDEf12GHIj', eventTime: before(s), errorCode: 'BITRATE_EXCEEDED' }));

  it('warns on 3 publish errors within 60 s, with the errors counted by code', () => {
    const [decision] = evaluate(publishError, { participantEvents: errorsAt(40, 20, 0) }, doc, NOW);
    expect(decision).toMatchObject({ policy: 'repeated-publish-errors', mode: 'enforce', actions: [{ type: 'notify', severity: 'warning' }] });
    expect(decision?.evidence.at(-1)).toBe('participant abCDEf12GHIj: 3 publish errors in 40 s: BITRATE_EXCEEDED ×3 (at least 3 within 60 s)');
  });

  it.each<[string, ParticipantEvent[]]>([
    ['two errors', errorsAt(20, 0)],
    ['three errors over more than a minute', errorsAt(70, 30, 0)],
    ['three joins', errorsAt(20, 10, 0).map((e) => ({ ...e, name: 'JOINED' }))],
  ])('stays quiet: %s', (_, events) => {
    expect(fired(publishError, { participantEvents: events })).toEqual([]);
  });

  it('reads the participant events only for a publish error', () => {
    expect(enrichmentNeeds(publishError, doc)).toEqual({ session: false, participant: false, participantEvents: true });
    expect(enrichmentNeeds(stageUpdate('Participant Unpublished'), doc).participantEvents).toBe(false);
  });
});

describe('moderation-disconnect', () => {
  const request = (detail: Record<string, unknown>) => {
    const raw = JSON.parse(readFileSync(new URL('../../events/samples/moderation/participant-disconnect-requested.json', import.meta.url), 'utf8')) as { detail: Record<string, unknown> };
    raw.detail = { stageArn: STAGE, ...detail };
    const parsed = parseGuardEvent(raw);
    if (!parsed.ok) throw new Error('the sample must parse');
    return parsed.event;
  };

  it.each([
    ['the participants it names, with its reason', { participantIds: ['p-1', 'p-2'], reason: 'banned' }, { stageArn: STAGE, participantIds: ['p-1', 'p-2'], reason: 'banned' }],
    ["a user's connected participants", { userId: 'viewer-7' }, { stageArn: STAGE, userId: 'viewer-7' }],
  ])('disconnects %s', (_, detail, bound) => {
    const [decision] = evaluate(request(detail), {}, doc, NOW);
    expect(decision).toMatchObject({ policy: 'moderation-disconnect', mode: 'enforce', actions: [{ type: 'disconnectParticipant', ...bound }], unbound: [] });
  });

  it('needs no enrichment, and keepalive stages are protected', () => {
    expect(enrichmentNeeds(request({ userId: 'viewer-7' }), doc)).toEqual({ session: false, participant: false, participantEvents: false });
    expect(isProtected('arn:aws:ivs:us-west-2:123456789012:stage/keynoteMain1', undefined, doc.protectedStages).protected).toBe(true);
    expect(isProtected(STAGE, { guard: 'off' }, doc.protectedStages).protected).toBe(true);
    expect(isProtected(STAGE, undefined, doc.protectedStages)).toEqual({ protected: false, needsTags: true });
  });
});
