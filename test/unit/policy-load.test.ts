import { describe, expect, it } from 'vitest';
import { loadPolicyDocument } from '../../domain/policy/index.ts';
import type { PolicyProblem } from '../../domain/policy/index.ts';
import { lines, problemsOf, withPolicy } from './policy-load-helpers.ts';

describe('loadPolicyDocument: a valid document', () => {
  it('reads the example of DESIGN §3', () => {
    const doc = loadPolicyDocument(
      lines(
        'version: 1',
        'mode: enforce',
        'protectedChannels:',
        '  arns: ["arn:aws:ivs:*:*:channel/keepalive*"]',
        '  tags: { guard: "off" }',
        'safety:',
        '  cooldownSeconds: 300',
        '  maxActionsPerHour: 50',
        'policies:',
        '  - name: stream-key-leak',
        '    description: Repeated takeover failures mean someone else is broadcasting with our key.',
        '    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }',
        '    where:',
        '      - sessionEvents: { names: [Stream Takeover Failure], codes: [StreamTakeoverInvalidPriority, StreamTakeoverLimitBreached], atLeast: 3, withinSeconds: 600 }',
        '    then: [rotateStreamKey, stopStream]',
        '  - name: must-record',
        '    mode: dry-run',
        '    on: { names: [Recording Start Failure] }',
        '    where:',
        '      - channel: { tags: { compliance: record-required } }',
        '    then: [{ putMetadata: { text: "recording unavailable" } }, stopStream]',
      ),
    );

    expect(doc).toEqual({
      version: 1,
      mode: 'enforce',
      protectedChannels: { arns: ['arn:aws:ivs:*:*:channel/keepalive*'], tags: { guard: 'off' } },
      protectedStages: { arns: [], tags: {} },
      safety: { cooldownSeconds: 300, maxActionsPerHour: 50 },
      policies: [
        {
          name: 'stream-key-leak',
          description: 'Repeated takeover failures mean someone else is broadcasting with our key.',
          on: { detailType: 'IVS Stream State Change', names: ['Stream Takeover Failure'] },
          where: [{ sessionEvents: { names: ['Stream Takeover Failure'], codes: ['StreamTakeoverInvalidPriority', 'StreamTakeoverLimitBreached'], atLeast: 3, withinSeconds: 600 } }],
          then: [{ type: 'rotateStreamKey' }, { type: 'stopStream' }],
        },
        {
          name: 'must-record',
          mode: 'dry-run',
          on: { names: ['Recording Start Failure'] },
          where: [{ channel: { tags: { compliance: 'record-required' } } }],
          then: [{ type: 'putMetadata', text: 'recording unavailable' }, { type: 'stopStream' }],
        },
      ],
    });
  });

  it('fills in what a document leaves out', () => {
    const doc = loadPolicyDocument(withPolicy('  - name: start', '    on: { names: [Stream Start] }', '    then: [{ notify: { severity: info } }]'));

    expect(doc).toEqual({
      version: 1,
      mode: 'enforce',
      protectedChannels: { arns: [], tags: {} },
      protectedStages: { arns: [], tags: {} },
      safety: { cooldownSeconds: 300, maxActionsPerHour: 50 },
      policies: [{ name: 'start', on: { names: ['Stream Start'] }, where: [], then: [{ type: 'notify', severity: 'info' }] }],
    });
  });

  it('reads every condition and action form', () => {
    const doc = loadPolicyDocument(
      withPolicy(
        '  - name: everything',
        '    on: { detailType: IVS Stage Update, names: [Participant Published], source: aws.ivs }',
        '    where:',
        '      - ingestExceeds: { videoWidth: 1920, audioBitrate: 160000 }',
        '      - match: { path: "participant.attributes.role", op: in, value: [guest, viewer] }',
        '      - any:',
        '          - match: { path: event.detail.user_id, op: regex, value: "^bot-" }',
        '          - not: { match: { path: event.detail.user_id, op: exists } }',
        '    then:',
        '      - disconnectParticipant',
        '      - { disconnectParticipant: { reason: no bots } }',
        '      - { revokeViewerSessions: { viewers: [{ viewerId: v1 }, { viewerId: v2, version: 3 }], version: 1 } }',
        '      - deleteStreamKey',
      ),
    );

    expect(doc.policies[0]).toMatchObject({
      where: [
        { ingestExceeds: { videoWidth: 1920, audioBitrate: 160000 } },
        { match: { path: 'participant.attributes.role', op: 'in', value: ['guest', 'viewer'] } },
        { any: [{ match: { path: 'event.detail.user_id', op: 'regex', value: '^bot-' } }, { not: { match: { path: 'event.detail.user_id', op: 'exists' } } }] },
      ],
      then: [
        { type: 'disconnectParticipant' },
        { type: 'disconnectParticipant', reason: 'no bots' },
        { type: 'revokeViewerSessions', viewers: [{ viewerId: 'v1' }, { viewerId: 'v2', version: 3 }], version: 1 },
        { type: 'deleteStreamKey' },
      ],
    });
  });
});

describe('loadPolicyDocument: each mistake, at its line', () => {
  it.each<[string, string, Omit<PolicyProblem, 'column'>]>([
    [
      'a count below 1',
      withPolicy('  - name: leak', '    on: { names: [Stream Takeover Failure] }', '    where:', '      - sessionEvents:', '          atLeast: 0', '    then: [stopStream]'),
      { line: 7, path: 'policies[0].where[0].sessionEvents.atLeast', message: 'expected a whole number ≥ 1' },
    ],
    [
      'a fractional limit',
      withPolicy('  - name: ceiling', '    on: { names: [Stream Start] }', '    where:', '      - ingestExceeds: { videoHeight: 1080.5 }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].ingestExceeds.videoHeight', message: 'expected a whole number ≥ 1' },
    ],
    [
      'a missing count',
      withPolicy('  - name: leak', '    on: { names: [Stream Takeover Failure] }', '    where:', '      - sessionEvents: { withinSeconds: 60 }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].sessionEvents.atLeast', message: 'required: a whole number ≥ 1' },
    ],
    [
      'an unknown key, with what is allowed',
      withPolicy('  - name: leak', '    on: { names: [Stream Start] }', '    when: []', '    then: [stopStream]'),
      { line: 5, path: 'policies[0].when', message: "unknown key 'when'; expected one of: name, description, mode, on, where, then" },
    ],
    [
      'an unknown top-level key',
      lines('version: 1', 'policies: []', 'dryRun: true'),
      { line: 3, path: 'dryRun', message: "unknown key 'dryRun'; expected one of: version, mode, protectedChannels, protectedStages, safety, policies" },
    ],
    ['another version', lines('version: 2', 'policies: []'), { line: 1, path: 'version', message: 'expected 1 (the only version), got 2' }],
    ['no version', lines('policies: []'), { line: 1, path: 'version', message: 'required: 1 (the only version)' }],
    ['a misspelt mode', lines('version: 1', 'mode: dryrun', 'policies: []'), { line: 2, path: 'mode', message: "unknown mode 'dryrun' (did you mean 'dry-run'?)" }],
    [
      'a misspelt event name',
      withPolicy('  - name: leak', '    on: { names: [Stream Takeover Failures] }', '    then: [stopStream]'),
      { line: 4, path: 'policies[0].on.names[0]', message: "unknown event name 'Stream Takeover Failures' (did you mean 'Stream Takeover Failure'?)" },
    ],
    [
      'an event name of another detail-type',
      withPolicy('  - name: leak', '    on:', '      detailType: IVS Recording State Change', '      names: [Stream Start]', '    then: [stopStream]'),
      {
        line: 6,
        path: 'policies[0].on.names[0]',
        message: "'Stream Start' is not an event of IVS Recording State Change; its events: Recording Start, Recording End, Recording Start Failure, Recording End Failure",
      },
    ],
    ['an unknown detail-type', withPolicy('  - name: x', '    on: { detailType: IVS Stream State Changed }', '    then: [stopStream]'), { line: 4, path: 'policies[0].on.detailType', message: "unknown detail-type 'IVS Stream State Changed' (did you mean 'IVS Stream State Change'?)" }],
    ['a trigger that names nothing', withPolicy('  - name: x', '    on: {}', '    then: [stopStream]'), { line: 4, path: 'policies[0].on', message: 'name what triggers the policy: detailType, names or source' }],
    [
      'an unknown session event code',
      withPolicy('  - name: x', '    on: { names: [Stream Takeover Failure] }', '    where:', '      - sessionEvents: { codes: [StreamTakeoverInvalidPriorty], atLeast: 1 }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].sessionEvents.codes[0]', message: "unknown session event code 'StreamTakeoverInvalidPriorty' (did you mean 'StreamTakeoverInvalidPriority'?)" },
    ],
    [
      'an unknown condition',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - sessionEvent: { atLeast: 1 }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].sessionEvent', message: "unknown key 'sessionEvent'; expected one of: sessionEvents, ingestExceeds, channel, participant, participantEvents, match, any, not" },
    ],
    [
      'two conditions in one item',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - channel: { type: BASIC }', '        match: { path: event.id, op: exists }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0]', message: 'one condition per item, found channel and match: give each its own "- " item' },
    ],
    ['an empty condition', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - {}', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0]', message: 'expected a condition: one of sessionEvents, ingestExceeds, channel, participant, participantEvents, match, any, not' }],
    ['ingest limits that name none', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - ingestExceeds: {}', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].ingestExceeds', message: 'name at least one limit: videoHeight, videoWidth, framerate, videoBitrate, audioBitrate' }],
    ['an unknown channel type', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - channel: { type: PREMIUM }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].channel.type', message: "unknown channel type 'PREMIUM'" }],
    ['a tag value that is not a string', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - channel: { tags: { tier: 3 } }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].channel.tags.tier', message: 'expected a string (quote it), got 3' }],
    [
      'a JMESPath syntax error',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match:', '          path: "event.detail.["', '          op: exists', '    then: [stopStream]'),
      { line: 7, path: 'policies[0].where[0].match.path', message: 'invalid JMESPath: Invalid token (EOF): ""' },
    ],
    [
      'a path that does not start at event, session or participant',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: detail.code, op: exists }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].match.path', message: "path reads 'detail': it must start with event, session or participant (e.g. event.detail.code)" },
    ],
    [
      'an unknown JMESPath function',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: "size(event.resources)", op: eq, value: 1 }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].match.path', message: 'invalid JMESPath: unknown function size()' },
    ],
    [
      'a regex that does not compile',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: regex, value: "([a-z]" }', '    then: [stopStream]'),
      { line: 6, path: 'policies[0].where[0].match.value', message: 'invalid regular expression: Invalid regular expression: /([a-z]/: Unterminated group' },
    ],
    ['an unknown op', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: equals, value: x }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].match.op', message: "expected an op, one of eq, ne, gt, gte, lt, lte, in, notIn, exists, absent, regex, glob, got 'equals'" }],
    ['eq without a value', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: eq }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].match.value', message: 'required: a value' }],
    ['exists with a value', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: exists, value: true }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].match.value', message: "unknown key 'value'; expected one of: path, op" }],
    ['in with a single value', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: in, value: x }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].match.value', message: "expected a list, got 'x'" }],
    ['gt with a list', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - match: { path: event.id, op: gt, value: [1] }', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].match.value', message: 'expected a number or a string, got a list' }],
    ['an empty any', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - any: []', '    then: [stopStream]'), { line: 6, path: 'policies[0].where[0].any', message: 'expected at least 1 item' }],
    [
      'a mistake deep inside not and any',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - not:', '          any:', '            - sessionEvents: { atLeast: -1 }', '    then: [stopStream]'),
      { line: 8, path: 'policies[0].where[0].not.any[0].sessionEvents.atLeast', message: 'expected a whole number ≥ 1' },
    ],
    ['no actions', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then: []'), { line: 5, path: 'policies[0].then', message: 'expected at least one action' }],
    ['no then at all', withPolicy('  - name: x', '    on: { names: [Stream Start] }'), { line: 3, path: 'policies[0].then', message: 'required: a list' }],
    [
      'an unknown action',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then:', '      - stopStreams'),
      { line: 6, path: 'policies[0].then[0]', message: "unknown action 'stopStreams' (did you mean 'stopStream'?); actions: rotateStreamKey, deleteStreamKey, stopStream, revokeViewerSessions, disconnectParticipant, putMetadata, notify" },
    ],
    ['an action that needs parameters, by name alone', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then: [putMetadata]'), { line: 5, path: 'policies[0].then[0]', message: 'putMetadata needs parameters: write { putMetadata: { text: "…" } }' }],
    ['a notify without a severity we know', withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then:', '      - notify: { severity: loud }'), { line: 6, path: 'policies[0].then[0].notify.severity', message: "expected info, warning or critical, got 'loud'" }],
    [
      'metadata over 1 KB in UTF-8 (342 euro signs are 1026 bytes)',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then:', `      - putMetadata: { text: "${'€'.repeat(342)}" }`),
      { line: 6, path: 'policies[0].then[0].putMetadata.text', message: "must be at most 1024 bytes in UTF-8 (PutMetadata's limit)" },
    ],
    [
      'a viewer id over 40 characters',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then:', `      - revokeViewerSessions: { viewers: [{ viewerId: ${'v'.repeat(41)} }] }`),
      { line: 6, path: 'policies[0].then[0].revokeViewerSessions.viewers[0].viewerId', message: 'expected a viewer id of 1 to 40 characters' },
    ],
    [
      'a disconnection reason over 128 characters',
      withPolicy('  - name: x', '    on: { names: [Participant Published] }', '    then:', `      - disconnectParticipant: { reason: ${'r'.repeat(129)} }`),
      { line: 6, path: 'policies[0].then[0].disconnectParticipant.reason', message: 'must be at most 128 characters' },
    ],
    [
      'an action without parameters written with them',
      withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    then:', '      - stopStream: {}'),
      {
        line: 6,
        path: 'policies[0].then[0].stopStream',
        message:
          "unknown key 'stopStream'; an action without parameters is written by name alone (rotateStreamKey, deleteStreamKey, stopStream, revokeViewerSessions, disconnectParticipant); with parameters: revokeViewerSessions, putMetadata, disconnectParticipant, notify",
      },
    ],
    ['a policy name with spaces', withPolicy('  - name: key leak', '    on: { names: [Stream Start] }', '    then: [stopStream]'), { line: 3, path: 'policies[0].name', message: 'expected a name of letters, digits, ".", "_" or "-" (at most 64 characters, e.g. stream-key-leak)' }],
    [
      'two policies of one name',
      withPolicy('  - name: twice', '    on: { names: [Stream Start] }', '    then: [stopStream]', '  - name: twice', '    on: { names: [Stream End] }', '    then: [stopStream]'),
      { line: 6, path: 'policies[1].name', message: "duplicate policy name 'twice' (also policies[0])" },
    ],
    ['a protected ARN that is not a string', lines('version: 1', 'protectedChannels:', '  arns: [42]', 'policies: []'), { line: 3, path: 'protectedChannels.arns[0]', message: 'expected a string, got 42' }],
    ['a negative cooldown', lines('version: 1', 'safety:', '  cooldownSeconds: -5', 'policies: []'), { line: 3, path: 'safety.cooldownSeconds', message: 'expected a whole number ≥ 0' }],
    ['an empty document', '', { line: 1, path: '', message: 'expected a policy document {version, mode?, protectedChannels?, protectedStages?, safety?, policies}, got nothing' }],
  ])('%s', (_, text, expected) => {
    const error = problemsOf(text);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject(expected);
  });
});
