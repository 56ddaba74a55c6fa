/**
 * domain/policy/jmespath.ts over @jmespath-community/jmespath: which top-level names a path reads (so the
 * pipeline fetches only what a policy needs), which functions it calls, equality, and the wording of errors.
 */
import { describe, expect, it } from 'vitest';
import { expressionProblem, pathProblem, pathRoots, searchJson, searchPath, strictDeepEqual } from '../../domain/policy/jmespath.ts';

describe('pathRoots: what a path reads at the top level', () => {
  it.each<[string, string[]]>([
    ['event.detail.code', ['event']],
    ['event.detail | session.state', ['event']],
    ['[event.id, session.state]', ['event', 'session']],
    ['{a: event.id, b: participant.id}', ['event', 'participant']],
    ['event.list[?session == `1`].x', ['event']],
    ['event.a[0]', ['event']],
    ['event.a[*].b', ['event']],
    ['event.m.*', ['event']],
    ['event.a[]', ['event']],
    ['session.a && participant.b', ['session', 'participant']],
    ['!event.a', ['event']],
    ['length(event.a) > `1`', ['event']],
    ['sort_by(event.list, &session)[0]', ['event']],
    ['contains(keys(participant.attributes), `"role"`)', ['participant']],
    ['event.a ? session.b : participant.c', ['event', 'session', 'participant']],
    ['let $x = event.a in $x.b', ['event']],
    ['event.n + session.m', ['event', 'session']],
    ['-event.n', ['event']],
    ['@', ['@']],
    ['$.event', ['@']],
    ['`1`', []],
  ])('%s reads %j', (path, roots) => {
    expect([...pathRoots(path)].sort()).toEqual([...roots].sort());
  });
});

describe('pathProblem', () => {
  it.each<[string, string]>([
    ['event.detail.[', 'invalid JMESPath: Invalid token (EOF): ""'],
    ['size(event.resources)', 'invalid JMESPath: unknown function size()'],
    ['event.list[?upper(name) == `"A"`]', 'invalid JMESPath: unknown function upper()'],
    ['sort_by(event.list, &lower(name))', 'invalid JMESPath: unknown function lower()'],
    ['detail.code', "path reads 'detail': it must start with event, session or participant (e.g. event.detail.code)"],
    ['$.event.id', 'path reads the whole context: it must start with event, session or participant (e.g. event.detail.code)'],
    ['`"constant"`', 'path reads nothing: it must start with event, session or participant (e.g. event.detail.code)'],
  ])('%s: %s', (path, problem) => {
    expect(pathProblem(path)).toBe(problem);
  });

  it('accepts a path that reads event, session and participant with the specification functions', () => {
    expect(pathProblem('max_by(event.list, &n).x || session.a || length(participant.b)')).toBeUndefined();
  });
});

describe('searching', () => {
  const data = { event: { detail: { code: 'X', list: [{ n: 2 }, { n: 1 }] } } };

  it('searchPath finds the value, or says why it could not', () => {
    expect(searchPath(data, 'event.detail.code')).toEqual({ value: 'X' });
    expect(searchPath(data, 'sort_by(event.detail.list, &n)[0].n')).toEqual({ value: 1 });
    expect(searchPath(data, 'event.missing')).toEqual({ value: null });
    const failed = searchPath(data, 'abs(event.detail.code)');
    expect(failed).toHaveProperty('error');
    expect((failed as { error: string }).error).toMatch(/abs/);
  });

  it('searchJson throws on bad syntax; expressionProblem names it first', () => {
    expect(searchJson({ summary: { applied: 2 } }, 'summary.applied')).toBe(2);
    expect(() => searchJson({}, 'summary.[')).toThrow(/token/i);
    expect(expressionProblem('summary.[')).toBe('invalid JMESPath: Invalid token (EOF): ""');
    expect(expressionProblem('summary.applied')).toBeUndefined();
  });
});

describe('strictDeepEqual: JMESPath ==', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1, true],
    [1, '1', false],
    [null, null, true],
    [null, false, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1, b: [true] }, { b: [true], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [{}, [], false],
  ])('%j == %j is %s', (first, second, equal) => {
    expect(strictDeepEqual(first, second)).toBe(equal);
    expect(strictDeepEqual(second, first)).toBe(equal);
  });
});
