import { describe, expect, it } from 'vitest';
import { lines, problemsOf, withPolicy } from './policy-load-helpers.ts';

describe('loadPolicyDocument: the report', () => {
  const text = lines(
    'version: 1', // 1
    'mode: enforced', // 2
    'policies:', // 3
    '  - name: leak', // 4
    '    on: { names: [Stream Takeover Failure] }', // 5
    '    where:', // 6
    '      - sessionEvents:', // 7
    '          names: [Stream Takeover Failure]', // 8
    '          atLeast: 0', // 9
    '          withinSecs: 600', // 10
    '    then: [rotateStreamKey, stopStreams]', // 11
    '  - name: ceiling', // 12
    '    on: {}', // 13
    '    then: [stopStream]', // 14
  );

  it('collects every mistake, in the order of the text, each at its line and column', () => {
    expect(problemsOf(text).problems).toEqual([
      { line: 2, column: 1, path: 'mode', message: "unknown mode 'enforced' (did you mean 'enforce'?)" },
      { line: 9, column: 11, path: 'policies[0].where[0].sessionEvents.atLeast', message: 'expected a whole number ≥ 1' },
      { line: 10, column: 11, path: 'policies[0].where[0].sessionEvents.withinSecs', message: "unknown key 'withinSecs'; expected one of: names, codes, atLeast, withinSeconds" },
      {
        line: 11,
        column: 29,
        path: 'policies[0].then[1]',
        message: "unknown action 'stopStreams' (did you mean 'stopStream'?); actions: rotateStreamKey, deleteStreamKey, stopStream, revokeViewerSessions, disconnectParticipant, putMetadata, notify",
      },
      { line: 13, column: 5, path: 'policies[1].on', message: 'name what triggers the policy: detailType, names or source' },
    ]);
  });

  it('lists them in its message as file:line:column path: message, in the file named', () => {
    const error = problemsOf(text, 'deploy/policies.yml');

    expect(error.name).toBe('PolicyDocumentError');
    expect(error.fileName).toBe('deploy/policies.yml');
    expect(error.message.split('\n')).toEqual([
      "deploy/policies.yml:2:1 mode: unknown mode 'enforced' (did you mean 'enforce'?)",
      'deploy/policies.yml:9:11 policies[0].where[0].sessionEvents.atLeast: expected a whole number ≥ 1',
      "deploy/policies.yml:10:11 policies[0].where[0].sessionEvents.withinSecs: unknown key 'withinSecs'; expected one of: names, codes, atLeast, withinSeconds",
      "deploy/policies.yml:11:29 policies[0].then[1]: unknown action 'stopStreams' (did you mean 'stopStream'?); actions: rotateStreamKey, deleteStreamKey, stopStream, revokeViewerSessions, disconnectParticipant, putMetadata, notify",
      'deploy/policies.yml:13:5 policies[1].on: name what triggers the policy: detailType, names or source',
    ]);
  });

  it('names policies.yml when no file is given', () => {
    expect(problemsOf(lines('version: 1')).message).toBe('policies.yml:1:1 policies: required: a list');
  });

  it('reports YAML syntax errors with their lines, all of them', () => {
    const error = problemsOf(lines('version: 1', 'policies:', '  - name: x', '   on: { names: [Stream Start] }', '  - name: y', '    then: [stopStream', 'mode: enforce'));

    expect(error.problems.length).toBeGreaterThanOrEqual(2);
    expect(error.problems.every((p) => p.path === '' && p.line >= 4)).toBe(true);
    expect(error.message).toMatch(/^policies\.yml:4:\d+ /);
  });

  it('reports a key given twice', () => {
    expect(problemsOf(lines('version: 1', 'policies: []', 'version: 1')).problems).toEqual([{ path: '', line: 3, column: 1, message: 'Map keys must be unique' }]);
  });

  it('quotes a key that is not a plain name', () => {
    const error = problemsOf(withPolicy('  - name: x', '    on: { names: [Stream Start] }', '    where:', '      - channel: { tags: { "team name": 7 } }', '    then: [stopStream]'));
    expect(error.problems[0]?.path).toBe('policies[0].where[0].channel.tags["team name"]');
  });
});
