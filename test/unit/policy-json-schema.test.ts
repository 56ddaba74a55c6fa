/**
 * What `policies.schema.json` promises an editor: it is the schema generated from the zod schema (committed, not
 * stale), it accepts the policies the project ships, and it flags the mistakes people make, at the place they are.
 * Checked with a real JSON Schema validator (Ajv, draft-07), as an editor's language server would.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_TYPES } from '../../domain/actions/index.ts';
import { MATCH_OPS, policyJsonSchema } from '../../domain/policy/index.ts';

const root = new URL('../../', import.meta.url);
const text = (name: string) => readFileSync(new URL(name, root), 'utf8');
const committed = JSON.parse(text('policies.schema.json')) as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(committed);
const shipped = parse(text('policies.yml')) as Record<string, unknown>;

/** The shipped document with `change` applied to a copy. */
const shippedWith = (change: (document: Record<string, unknown> & { policies: Array<Record<string, unknown>> }) => void) => {
  const copy = structuredClone(shipped) as Record<string, unknown> & { policies: Array<Record<string, unknown>> };
  change(copy);
  return copy;
};
const firstPolicy = (document: { policies: Array<Record<string, unknown>> }) => document.policies[0] as Record<string, unknown>;
/** A value each match op takes (typed by the ops: a new op needs its example here). */
const MATCH_VALUES: Record<(typeof MATCH_OPS)[number], { value?: unknown }> = {
  eq: { value: 'StreamTakeoverInvalidPriority' },
  ne: { value: 'StreamTakeoverInvalidPriority' },
  gt: { value: 3 },
  gte: { value: 3 },
  lt: { value: 3 },
  lte: { value: 3 },
  in: { value: ['StreamTakeoverInvalidPriority', 'StreamTakeoverLimitBreached'] },
  notIn: { value: ['StreamTakeoverInvalidPriority'] },
  exists: {},
  absent: {},
  regex: { value: '^StreamTakeover' },
  glob: { value: 'StreamTakeover*' },
};
const where = (path: string) => (error: ErrorObject) => error.instancePath === path;

describe('the committed schema files', () => {
  it('policies.schema.json is what `npm run schema` writes now (it names no field the zod schema does not)', () => {
    expect(text('policies.schema.json')).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('policies.yml points editors at it on its first line', () => {
    expect(text('policies.yml').split('\n')[0]).toBe('# yaml-language-server: $schema=./policies.schema.json');
  });

  it('is a draft-07 schema with the defaults and help an editor shows', () => {
    expect(committed).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { mode: { default: 'enforce' }, safety: { properties: { cooldownSeconds: { default: 300 } } } },
      definitions: { Condition: { properties: { sessionEvents: { description: expect.any(String) } } } },
    });
  });
});

describe('policies.schema.json accepts', () => {
  it('the shipped policies.yml, every policy of it', () => {
    expect((shipped.policies as unknown[]).length).toBeGreaterThan(0);
    expect(validate(shipped), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(ACTION_TYPES.filter((type) => type !== 'notify' && type !== 'putMetadata'))('the action %s by name', (type) => {
    const document = shippedWith((d) => (firstPolicy(d).then = [type]));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['revokeViewerSessions', { revokeViewerSessions: { viewers: [{ viewerId: 'viewer-1', version: 3 }], version: 1 } }],
    ['putMetadata', { putMetadata: { text: 'recording unavailable' } }],
    ['disconnectParticipant', { disconnectParticipant: { reason: 'abuse report' } }],
    ['notify', { notify: { severity: 'critical' } }],
  ])('the action %s with parameters', (_, action) => {
    expect(validate(shippedWith((d) => (firstPolicy(d).then = [action]))), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(MATCH_OPS)('a match with op %s', (op) => {
    const document = shippedWith((d) => (firstPolicy(d).where = [{ match: { path: 'detail.code', op, ...MATCH_VALUES[op] } }]));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('policies.schema.json flags, where it is', () => {
  it.each<[string, (d: Record<string, unknown> & { policies: Array<Record<string, unknown>> }) => void, string, string]>([
    ['a misspelt top-level key', (d) => (d.polices = d.policies), '', 'additionalProperties'],
    ['a missing version', (d) => delete d.version, '', 'required'],
    ['version 2', (d) => (d.version = 2), '/version', 'const'],
    ['a mode that is not enforce or dry-run', (d) => (d.mode = 'enforced'), '/mode', 'enum'],
    ['a negative cooldown', (d) => ((d.safety as Record<string, unknown>).cooldownSeconds = -1), '/safety/cooldownSeconds', 'minimum'],
    ['a cooldown of 1.5 seconds', (d) => ((d.safety as Record<string, unknown>).cooldownSeconds = 1.5), '/safety/cooldownSeconds', 'type'],
    ['a policy without a name', (d) => delete firstPolicy(d).name, '/policies/0', 'required'],
    ['a policy name with a space', (d) => (firstPolicy(d).name = 'stream key leak'), '/policies/0/name', 'pattern'],
    ['an event name IVS does not send', (d) => (firstPolicy(d).on = { names: ['Stream Explosion'] }), '/policies/0/on/names/0', 'enum'],
    ['an action in the wrong case', (d) => (firstPolicy(d).then = ['stopstream']), '/policies/0/then/0', 'anyOf'],
    ['notify without its severity', (d) => (firstPolicy(d).then = [{ notify: {} }]), '/policies/0/then/0/notify', 'required'],
    ['a putMetadata with an empty text', (d) => (firstPolicy(d).then = [{ putMetadata: { text: '' } }]), '/policies/0/then/0/putMetadata/text', 'minLength'],
    ['two actions in one item', (d) => (firstPolicy(d).then = [{ putMetadata: { text: 'x' }, notify: { severity: 'info' } }]), '/policies/0/then/0', 'maxProperties'],
    ['an empty then', (d) => (firstPolicy(d).then = []), '/policies/0/then', 'minItems'],
    ['two conditions in one item', (d) => (firstPolicy(d).where = [{ channel: { tags: { a: 'b' } }, not: { channel: { tags: { c: 'd' } } } }]), '/policies/0/where/0', 'maxProperties'],
    ['an empty condition', (d) => (firstPolicy(d).where = [{}]), '/policies/0/where/0', 'minProperties'],
    ['a condition kind that does not exist', (d) => (firstPolicy(d).where = [{ sessionEvent: { names: ['Stream Start'], atLeast: 1, withinSeconds: 60 } }]), '/policies/0/where/0', 'additionalProperties'],
  ])('%s', (_, change, path, keyword) => {
    expect(validate(shippedWith(change))).toBe(false);
    expect(validate.errors?.filter(where(path)).map((error) => error.keyword)).toContain(keyword);
  });
});
