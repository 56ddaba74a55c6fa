import { describe, expect, it } from 'vitest';
import type { GuardEvent } from '../../domain/events/types.ts';
import { evaluate, explain } from '../../domain/policy/index.ts';
import {
  CHANNEL,
  COMPOSITION,
  compositionState,
  failures,
  limitBreach,
  NOW,
  pair,
  participantRecording,
  policies,
  recordingState,
  revocationRequest,
  session,
  STAGE,
  stageUpdate,
  streamHealth,
  streamState,
  takeoverFailure,
} from './policy-fixtures.ts';

const notify = '    then: [{ notify: { severity: info } }]';
const firesOn = (on: string) => policies(['  - name: p', `    on: ${on}`, notify].join('\n'));

describe('evaluate: which events trigger a policy', () => {
  it.each<[string, string, GuardEvent, boolean]>([
    ['detailType alone: an event of it', '{ detailType: IVS Stream State Change }', streamState('Stream Start'), true],
    ['detailType alone: an event of another', '{ detailType: IVS Stream State Change }', streamHealth('Starvation Start'), false],
    ['names alone: one of them', '{ names: [Stream Start, Stream End] }', streamState('Stream End'), true],
    ['names alone: none of them', '{ names: [Stream Start, Stream End] }', streamState('Stream Failure'), false],
    ['names alone: the same name in two detail-types', '{ names: [Recording Start Failure] }', participantRecording('Recording Start Failure'), true],
    ['detailType and names: both match', '{ detailType: IVS Recording State Change, names: [Recording Start Failure] }', recordingState('Recording Start Failure'), true],
    ['detailType and names: the name under another detail-type', '{ detailType: IVS Recording State Change, names: [Recording Start Failure] }', participantRecording('Recording Start Failure'), false],
    ['a limit name', '{ names: [Concurrent Broadcasts] }', limitBreach('Concurrent Broadcasts', { accountWide: true }), true],
    ['source: the one given', '{ detailType: Viewer Session Revocation Requested, source: my.moderation }', revocationRequest([pair('v1')], { source: 'my.moderation' }), true],
    ['source: another', '{ detailType: Viewer Session Revocation Requested, source: my.moderation }', revocationRequest([pair('v1')]), false],
    ['source alone', '{ source: aws.ivs }', compositionState('Session Failure'), true],
  ])('%s', (_, on, event, fires) => {
    expect(evaluate(event, {}, firesOn(on), NOW).length).toBe(fires ? 1 : 0);
  });
});

describe('evaluate: a decision', () => {
  const doc = policies(
    [
      '  - name: stream-key-leak',
      '    on: { names: [Stream Takeover Failure] }',
      '    where:',
      '      - sessionEvents: { names: [Stream Takeover Failure], atLeast: 3, withinSeconds: 600 }',
      '      - match: { path: event.detail.code, op: eq, value: StreamTakeoverInvalidPriority }',
      '    then: [rotateStreamKey, stopStream, disconnectParticipant, { notify: { severity: critical } }]',
    ].join('\n'),
  );

  it('carries the mode, the evidence (event first, then each condition) and the bound actions', () => {
    const decisions = evaluate(takeoverFailure(), { session: session({ events: failures(3, 100) }) }, doc, NOW);

    const evidence = [
      `Stream Takeover Failure on ${CHANNEL} at 2026-11-20T19:10:00Z, code StreamTakeoverInvalidPriority`,
      '3 stream takeover failures in 200 s: StreamTakeoverInvalidPriority ×3 (at least 3 within 600 s)',
      "event.detail.code eq 'StreamTakeoverInvalidPriority'",
    ];
    expect(decisions).toEqual([
      {
        policy: 'stream-key-leak',
        mode: 'enforce',
        evidence,
        actions: [
          { type: 'rotateStreamKey', channelArn: CHANNEL },
          { type: 'stopStream', channelArn: CHANNEL },
          { type: 'notify', severity: 'critical', message: `stream-key-leak: ${evidence.join('; ')}` },
        ],
        unbound: [{ type: 'disconnectParticipant', reason: 'event names no stage participant' }],
      },
    ]);
  });

  it('is not made when a condition fails', () => {
    expect(evaluate(takeoverFailure({ code: 'StreamTakeoverLimitBreached' }), { session: session({ events: failures(3, 100) }) }, doc, NOW)).toEqual([]);
  });

  it('counts up to the triggering event, however late the guard decides', () => {
    const late = new Date('2026-11-21T19:10:00Z'); // a day later: a clock-based window would be empty
    expect(evaluate(takeoverFailure(), { session: session({ events: failures(3, 100) }) }, doc, late)).toHaveLength(1);
  });

  it('is the same whatever the clock says', () => {
    const event = takeoverFailure();
    const context = { session: session({ events: failures(3, 100) }) };
    expect(evaluate(event, context, doc, new Date(0))).toEqual(evaluate(event, context, doc, NOW));
  });

  it('is not made without the session a condition needs, and explain says why', () => {
    expect(evaluate(takeoverFailure(), {}, doc, NOW)).toEqual([]);
    expect(explain(takeoverFailure(), {}, doc, NOW)).toEqual([
      { policy: 'stream-key-leak', truth: 'unknown', evidence: ['no stream session available to count session events'], missing: ['session'] },
    ]);
  });
});

describe('evaluate: modes and order', () => {
  const doc = (header: string) =>
    policies(
      ['  - name: first', '    on: { names: [Stream Start] }', notify, '  - name: second', '    mode: dry-run', '    on: { names: [Stream Start] }', notify, '  - name: third', '    mode: enforce', '    on: { names: [Stream Start] }', notify].join('\n'),
      header,
    );

  it.each<[string, string, string[]]>([
    ["the document's mode where a policy sets none", 'version: 1\nmode: enforce\n', ['enforce', 'dry-run', 'enforce']],
    ['a dry-run document', 'version: 1\nmode: dry-run\n', ['dry-run', 'dry-run', 'enforce']],
    ['enforce when the document says nothing', 'version: 1\n', ['enforce', 'dry-run', 'enforce']],
  ])('%s', (_, header, modes) => {
    const decisions = evaluate(streamState('Stream Start'), {}, doc(header), NOW);
    expect(decisions.map((d) => d.policy)).toEqual(['first', 'second', 'third']);
    expect(decisions.map((d) => d.mode)).toEqual(modes);
  });

  it('explains every triggered policy, fired or not, in document order', () => {
    const two = policies(
      ['  - name: quiet', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.detail.code, op: exists }', notify, '  - name: loud', '    on: { names: [Stream Start] }', notify, '  - name: other', '    on: { names: [Stream End] }', notify].join('\n'),
    );

    const outcomes = explain(streamState('Stream Start'), {}, two, NOW);

    expect(outcomes.map((o) => [o.policy, o.truth, o.decision !== undefined])).toEqual([
      ['quiet', 'fails', false],
      ['loud', 'holds', true],
    ]);
    expect(outcomes[0]?.evidence).toEqual(['event.detail.code is absent']);
  });
});

describe('evaluate: the event in words, first in the evidence', () => {
  it.each<[string, GuardEvent, string]>([
    ['a stream state change with a reason', streamState('Stream Failure', { reason: 'Transcode capacity exceeded.' }), `Stream Failure on ${CHANNEL} at 2026-11-20T19:10:00Z, reason: Transcode capacity exceeded.`],
    ['a health change', streamHealth('Starvation Start'), `Starvation Start on ${CHANNEL} at 2026-11-20T19:10:00Z`],
    ['a channel limit breach', limitBreach('Ingest Bitrate'), `Ingest Bitrate on ${CHANNEL} at 2026-11-20T19:10:00Z, limit 10 count, exceeded by 2`],
    ['an account-wide limit breach', limitBreach('Concurrent Broadcasts', { accountWide: true }), 'Concurrent Broadcasts on the account at 2026-11-20T19:10:00Z, limit 10 count, exceeded by 2'],
    ['a recording state change', recordingState('Recording Start Failure'), `Recording Start Failure on ${CHANNEL} at 2026-11-20T19:10:00Z`],
    ['a stage update', stageUpdate('Participant Published'), `Participant Published by participant abCDEf12GHIj on ${STAGE} at 2026-11-20T19:10:00Z`],
    ['a composition state change', compositionState('Session Failure'), `Session Failure on ${COMPOSITION} at 2026-11-20T19:10:00Z`],
    [
      'a moderation request',
      revocationRequest([pair('v1'), pair('v2')]),
      'Viewer Session Revocation Requested from ivs-guard.moderation at 2026-11-20T19:10:00Z: 2 viewer sessions on 1 channel, reason: abuse report',
    ],
  ])('%s', (_, event, line) => {
    const [decision] = evaluate(event, {}, firesOn('{ source: ' + event.source + ' }'), NOW);
    expect(decision?.evidence).toEqual([line]);
  });
});
