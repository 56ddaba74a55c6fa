import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATCH_OPS, policyJsonSchema } from '../../domain/policy/index.ts';

const root = new URL('../../', import.meta.url);
type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; definitions?: Record<string, Schema>; oneOf?: Schema[]; anyOf?: Schema[]; items?: Schema };

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema() as Schema;

  it('is a draft-07 schema of a closed document', () => {
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, required: ['version', 'policies'] });
    expect(Object.keys(schema.properties ?? {})).toEqual(['version', 'mode', 'protectedChannels', 'safety', 'policies']);
  });

  it('offers every condition kind, one per item', () => {
    const condition = schema.definitions?.Condition;
    expect(Object.keys(condition?.properties ?? {})).toEqual(['sessionEvents', 'ingestExceeds', 'channel', 'participant', 'match', 'any', 'not']);
    expect(condition).toMatchObject({ additionalProperties: false, minProperties: 1, maxProperties: 1 });
  });

  it('offers every match op', () => {
    const forms = schema.definitions?.Condition?.properties?.match?.oneOf ?? [];
    const ops = forms.flatMap((form) => {
      const op = form.properties?.op as { enum?: string[]; const?: string } | undefined;
      return op?.enum ?? (op?.const !== undefined ? [op.const] : []);
    });
    expect([...ops].sort()).toEqual([...MATCH_OPS].sort());
  });

  it('offers every action, by name or with parameters', () => {
    const then = schema.properties?.policies?.items?.properties?.then?.items;
    const [byName, withParameters] = then?.anyOf ?? [];
    expect(byName).toMatchObject({ type: 'string', enum: ['rotateStreamKey', 'deleteStreamKey', 'stopStream', 'revokeViewerSessions', 'disconnectParticipant'] });
    expect(Object.keys(withParameters?.properties ?? {})).toEqual(['revokeViewerSessions', 'putMetadata', 'disconnectParticipant', 'notify']);
  });

  it('carries the defaults and help an editor shows', () => {
    expect(schema.properties?.mode).toMatchObject({ default: 'enforce', enum: ['enforce', 'dry-run'] });
    expect(schema.properties?.safety?.properties?.cooldownSeconds).toMatchObject({ type: 'integer', minimum: 0, default: 300 });
    expect(typeof schema.definitions?.Condition?.properties?.sessionEvents?.description).toBe('string');
  });

  it('is the same every time (the committed file does not churn)', () => {
    expect(JSON.stringify(policyJsonSchema())).toBe(JSON.stringify(schema));
  });
});

describe('the committed schema files', () => {
  it('policies.schema.json is what `npm run schema` writes now', () => {
    const committed = readFileSync(new URL('policies.schema.json', root), 'utf8');
    expect(committed).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('policies.yml points editors at it on its first line', () => {
    const first = readFileSync(new URL('policies.yml', root), 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=./policies.schema.json');
  });
});
