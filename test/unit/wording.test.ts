/**
 * The one wording (#13.5): every message names values, quotes them, places them and frames its sentence with
 * these helpers; event rejections and policy mistakes differ only in the voice.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRecord, withDefined } from '../../domain/defined.ts';
import { plainWordsIn } from '../../domain/issue-words.ts';
import { EVENT_VOICE, POLICY_VOICE, describeValue, formatPath, plural, quote, withArticle } from '../../domain/wording.ts';
import type { ValueWords } from '../../domain/wording.ts';

describe('describeValue', () => {
  it.each<[unknown, ValueWords, string]>([
    [42, 'kind', 'a number'],
    ['x', 'kind', 'a string'],
    [true, 'kind', 'a boolean'],
    [null, 'kind', 'null'],
    [undefined, 'kind', 'undefined'],
    [[1], 'kind', 'an array'],
    [{ a: 1 }, 'kind', 'an object'],
    ['aws.ec2', 'json', 'the string "aws.ec2"'],
    [2017, 'json', 'number 2017'],
    [true, 'json', 'boolean true'],
    [undefined, 'json', 'nothing'],
    [[1], 'json', 'an array'],
    ['on', 'yaml', "'on'"],
    [12, 'yaml', '12'],
    [null, 'yaml', 'nothing'],
    [[1], 'yaml', 'a list'],
    [{ a: 1 }, 'yaml', 'a mapping'],
    ['LOW', 'evidence', "'LOW'"],
    [[1080, 720], 'evidence', '[1080,720]'],
    [undefined, 'evidence', 'absent'],
    [null, 'evidence', 'null'],
  ])('%j in %s words is %s', (value, words, expected) => {
    expect(describeValue(value, words)).toBe(expected);
  });

  it('never throws, even on a cycle or a BigInt', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(describeValue(cycle, 'evidence')).toBe('an object');
    expect(describeValue(10n, 'json')).toBe('bigint 10');
  });

  it('keeps a long value on one short line, longer for evidence', () => {
    const long = `a\n${'b'.repeat(200)}`;
    expect(describeValue(long, 'yaml')).toBe(`'a ${'b'.repeat(58)}…'`);
    expect(describeValue(long, 'evidence')).toBe(`'a ${'b'.repeat(126)}…'`);
    expect(quote(long)).toHaveLength(63);
  });
});

describe('formatPath', () => {
  it.each<[PropertyKey[], string]>([
    [['detail', 'viewerSessions', 3, 'viewerId'], 'detail.viewerSessions[3].viewerId'],
    [['resources', 0], 'resources[0]'],
    [['detail-type'], 'detail-type'],
    [['tags', 'team name'], 'tags["team name"]'],
    [[0, 'x'], '[0].x'],
    [[], ''],
  ])('%j is %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('small words', () => {
  it.each([
    [withArticle('action'), 'an action'],
    [withArticle('condition'), 'a condition'],
    [plural(1, 'entry'), '1 entry'],
    [plural(3, 'entry'), '3 entries'],
    [plural(2, 'item'), '2 items'],
  ])('%s', (actual, expected) => expect(actual).toBe(expected));
});

describe('the two voices of one error map', () => {
  const schema = z.object({ tags: z.array(z.string()).min(2), count: z.number().max(5), kind: z.enum(['a', 'b']) });
  const issues = (voice: typeof EVENT_VOICE, input: unknown) =>
    (schema.safeParse(input, { error: plainWordsIn(voice) }).error?.issues ?? []).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);

  it.each<[string, unknown, string[], string[]]>([
    ['a missing field', { tags: ['x', 'y'], kind: 'a' }, ['count: is required'], ['count: required: a number']],
    ['a wrong type', { tags: ['x', 'y'], count: [3], kind: 'a' }, ['count: must be a number, not an array'], ['count: expected a number, got a list']],
    ['too few entries', { tags: ['x'], count: 1, kind: 'a' }, ['tags: must have at least 2 entries'], ['tags: expected at least 2 items']],
    ['too large', { tags: ['x', 'y'], count: 9, kind: 'a' }, ['count: must be a number ≤ 5'], ['count: expected a number ≤ 5']],
    ['not one of the words', { tags: ['x', 'y'], count: 1, kind: 'c' }, ["kind: must be one of 'a', 'b', not a string"], ["kind: expected one of 'a', 'b', got 'c'"]],
  ])('%s', (_, input, event, policy) => {
    expect(issues(EVENT_VOICE, input)).toEqual(event);
    expect(issues(POLICY_VOICE, input)).toEqual(policy);
  });
});

describe('plain values', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [[], false],
    [null, false],
    ['x', false],
    [new Date(0), false],
  ])('isRecord(%j) is %s', (value, expected) => expect(isRecord(value)).toBe(expected));

  it('withDefined leaves out undefined and null members', () => {
    expect(withDefined({ a: 1, b: undefined, c: null, d: '' })).toEqual({ a: 1, d: '' });
  });
});
