import { describe, expect, it } from 'vitest';
import { globMatches } from '../../domain/policy/glob.ts';
import { isProtected } from '../../domain/pipeline/gate.ts';
import type { ChannelProtection as Protection, ProtectionRules } from '../../domain/pipeline/gate.ts';

const KEEPALIVE = 'arn:aws:ivs:us-west-2:123456789012:channel/keepaliveAbc1';
const ORDINARY = 'arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh';
const rules: ProtectionRules = { arns: ['arn:aws:ivs:*:*:channel/keepalive*'], tags: { guard: 'off' } };

describe('isProtected', () => {
  it.each<[string, string, Record<string, string> | undefined, ProtectionRules, Protection]>([
    ['an ARN a glob matches', KEEPALIVE, undefined, rules, { protected: true, reason: "ARN matches 'arn:aws:ivs:*:*:channel/keepalive*'", needsTags: false }],
    ['an ARN no glob matches, tags unknown: ask for them', ORDINARY, undefined, rules, { protected: false, needsTags: true }],
    ['carrying the protected tag', ORDINARY, { guard: 'off', team: 'live' }, rules, { protected: true, reason: 'tag guard=off', needsTags: false }],
    ['the tag with another value', ORDINARY, { guard: 'on' }, rules, { protected: false, needsTags: false }],
    ['no tags', ORDINARY, {}, rules, { protected: false, needsTags: false }],
    ['every protected tag needed, one missing', ORDINARY, { guard: 'off' }, { tags: { guard: 'off', tier: 'free' } }, { protected: false, needsTags: false }],
    ['every protected tag present', ORDINARY, { guard: 'off', tier: 'free' }, { tags: { guard: 'off', tier: 'free' } }, { protected: true, reason: 'tags guard=off, tier=free', needsTags: false }],
    ['no tag rules: tags never needed', ORDINARY, undefined, { arns: ['arn:aws:ivs:*:*:channel/keepalive*'] }, { protected: false, needsTags: false }],
    ['no rules at all', ORDINARY, undefined, {}, { protected: false, needsTags: false }],
    ['the ARN decides before the tags are known', KEEPALIVE, { guard: 'on' }, rules, { protected: true, reason: "ARN matches 'arn:aws:ivs:*:*:channel/keepalive*'", needsTags: false }],
    ['a tag named like an Object method is not inherited', ORDINARY, {}, { tags: { toString: 'x' } }, { protected: false, needsTags: false }],
  ])('%s', (_, arn, tags, given, expected) => {
    expect(isProtected(arn, tags, given)).toEqual(expected);
  });
});

describe('ARN globs', () => {
  it.each<[string, string, string, boolean]>([
    ['* spans the : between ARN fields', 'arn:aws:ivs:*', ORDINARY, true],
    ['* spans the / of the resource', 'arn:aws:ivs:us-west-2:123456789012:*', ORDINARY, true],
    ['the whole ARN must match', 'channel/abcd*', ORDINARY, false],
    ['an exact ARN', ORDINARY, ORDINARY, true],
    ['? is one character', 'arn:aws:ivs:us-west-?:123456789012:channel/abcdABCDefgh', ORDINARY, true],
    ['? is not two', 'arn:aws:ivs:us-west-?:123456789012:channel/abcdABCDefg', ORDINARY, false],
    ['regex characters are plain', 'arn:aws:ivs:us-west-2:123456789012:channel/abcd.BCDefgh', ORDINARY, false],
    ['case matters', 'arn:aws:ivs:*:channel/ABCDABCDEFGH', ORDINARY, false],
    ['\\* is a literal star', 'arn:aws:ivs:\\*', 'arn:aws:ivs:*', true],
    ['\\* does not match other characters', 'arn:aws:ivs:\\*', ORDINARY, false],
    ['another region', 'arn:aws:ivs:eu-west-1:*', ORDINARY, false],
  ])('%s', (_, glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });
});
