/**
 * events/permissions.json's IVS grants are derived (domain/iam-grants.ts): the committed file is what
 * `npm run permissions` writes, each function is granted exactly the operations it calls, and each operation
 * on the resource kind IAM authorizes it on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUARD_FUNCTIONS, operationsOf } from '../../domain/functions.ts';
import { ivsGrants, resourcesOf } from '../../domain/iam-grants.ts';
import { permissionsText } from '../../scripts/permissions-file.ts';
import type { PermissionsFile } from '../../scripts/permissions-file.ts';

const committedText = readFileSync(new URL('../../events/permissions.json', import.meta.url), 'utf8');
const committed = JSON.parse(committedText) as PermissionsFile;

describe('events/permissions.json', () => {
  it('is what `npm run permissions` writes from the action registry', () => {
    expect(committedText, 'events/permissions.json is out of date: run `npm run permissions` and commit it').toBe(permissionsText(committed));
  });

  it('keeps its hand-written parts: every role may write its logs, read its queue, publish and use the ledger', () => {
    expect(committed.common.map((permission) => permission.resource)).toEqual(['own-log-group', 'own-queue', 'audit-bus', 'ledger-table', 'ledger-index']);
    expect(committed.$comment.join(' ')).toContain('npm run permissions');
  });

  it.each(GUARD_FUNCTIONS)('%s: is granted exactly the IVS operations it calls, and nothing that is not IVS', (fn) => {
    const granted = new Set((committed.functions[fn] ?? []).flatMap((permission) => permission.actions));
    expect([...granted].sort()).toEqual(operationsOf(fn).map((operation) => `ivs:${operation}`).sort());
  });
});

describe('the resource kind of each IVS operation', () => {
  it.each([
    ['a channel operation is on channels', ['StopStream', 'PutMetadata'], 'stream', [{ actions: ['ivs:PutMetadata', 'ivs:StopStream'], resource: 'ivs-channel' }]],
    ['CreateStreamKey is on the channel and the key', ['CreateStreamKey'], 'recording', [
      { actions: ['ivs:CreateStreamKey'], resource: 'ivs-channel' },
      { actions: ['ivs:CreateStreamKey'], resource: 'ivs-stream-key' },
    ]],
    ['a real-time operation is on stages', ['ListParticipants', 'DisconnectParticipant'], 'stage', [{ actions: ['ivs:DisconnectParticipant', 'ivs:ListParticipants'], resource: 'ivs-stage' }]],
    ['a channel function reads channel tags', ['ListTagsForResource'], 'recording', [{ actions: ['ivs:ListTagsForResource'], resource: 'ivs-channel' }]],
    ['the stage function reads stage tags', ['ListTagsForResource', 'GetParticipant'], 'stage', [{ actions: ['ivs:GetParticipant', 'ivs:ListTagsForResource'], resource: 'ivs-stage' }]],
    ['the moderation function reads channel and stage tags', ['ListTagsForResource'], 'moderation', [
      { actions: ['ivs:ListTagsForResource'], resource: 'ivs-channel' },
      { actions: ['ivs:ListTagsForResource'], resource: 'ivs-stage' },
    ]],
    ['nothing called, nothing granted', [], 'stream', []],
  ] as const)('%s', (_, operations, fn, expected) => {
    expect(ivsGrants(operations, fn)).toEqual(expected);
  });

  it('an operation the table does not know fails, naming it and where to add it', () => {
    expect(() => resourcesOf('CreateChannel', 'stream')).toThrow('IVS operation "CreateChannel" has no resource kind: add it to OPERATION_RESOURCES in domain/iam-grants.ts');
  });
});
