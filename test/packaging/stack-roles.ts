/**
 * Each function's role: exactly events/permissions.json, which is exactly what the function calls (its IVS
 * operations in domain/functions.ts, the ledger's DynamoDB requests in adapters/ledger*.ts), never a
 * wildcard action or a wildcard resource.
 */
import { describe, expect, it } from 'vitest';
import permissions from '../../events/permissions.json' with { type: 'json' };
import { operationsOf } from '../../domain/functions.ts';
import { ledgerGrantsNeeded as ledgerGrantsOf } from './ledger-operations.ts';
import { FUNCTIONS, getAtt, ivsArn, LEDGER_INDEX_ARN, LEDGER_TABLE_ARN, logical } from './packaged-stack.ts';
import type { FunctionKey, Json, PackagedStack } from './packaged-stack.ts';
import { ROOT } from './serverless-cli.ts';

/** What each resource kind of events/permissions.json must become in the role of `fn`. */
function expectedResource(kind: string, fn: FunctionKey): Json {
  const kinds: Record<string, Json> = {
    'ivs-channel': ivsArn('channel/*'),
    'ivs-stream-key': ivsArn('stream-key/*'),
    'ivs-stage': ivsArn('stage/*'),
    'audit-bus': getAtt('AuditBus'),
    'ledger-table': LEDGER_TABLE_ARN,
    'ledger-index': LEDGER_INDEX_ARN,
    'own-queue': getAtt(`${logical(fn)}Queue`),
    'own-log-group': getAtt(`${logical(fn)}LogGroup`),
  };
  if (!(kind in kinds)) throw new Error(`test does not know resource kind ${kind}`);
  return kinds[kind];
}

const ledgerGrantsNeeded = () => ledgerGrantsOf(ROOT);

/** The tests of the roles, on the stack `packaged()` returns once packaged. */
export function describeRoles(packaged: () => PackagedStack): void {
  const resource = (logicalId: string): Json => packaged().resource(logicalId);
  const statementsOf = (fn: FunctionKey): Json[] => packaged().statementsOf(fn);
  const grantedActions = (fn: FunctionKey, prefix: string, arn?: Json): string[] => packaged().grantedActions(fn, prefix, arn);

  describe('the roles', () => {
    it.each(FUNCTIONS)('%s: its role grants exactly events/permissions.json', (fn) => {
      const role = resource(`${logical(fn)}Role`).Properties;
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.Policies).toHaveLength(1);
      const granted = (role.Policies[0].PolicyDocument.Statement as Json[]).map(({ Effect, Action, Resource }) => ({ Effect, Action, Resource }));
      const expected = [...permissions.common, ...permissions.functions[fn]].map(({ actions, resource: kind }) => ({
        Effect: 'Allow',
        Action: actions,
        Resource: expectedResource(kind, fn),
      }));
      expect(granted).toEqual(expected);
    });

    it.each(FUNCTIONS)('%s: its role grants exactly the IVS operations it calls (domain/functions.ts operationsOf)', (fn) => {
      expect(grantedActions(fn, 'ivs:')).toEqual(operationsOf(fn).map((operation) => `ivs:${operation}`).sort());
    });

    it.each(FUNCTIONS)('%s: its role grants exactly the DynamoDB requests of the ledger adapter, on the ledger table and its indexes', (fn) => {
      const needed = ledgerGrantsNeeded();
      expect(needed.table.length).toBeGreaterThan(0);
      expect(grantedActions(fn, 'dynamodb:', LEDGER_TABLE_ARN)).toEqual(needed.table);
      expect(grantedActions(fn, 'dynamodb:', LEDGER_INDEX_ARN)).toEqual(needed.index);
      // Nothing else: no other DynamoDB resource, and no other AWS resource holds a DynamoDB grant.
      expect(grantedActions(fn, 'dynamodb:')).toEqual([...new Set([...needed.table, ...needed.index])].sort());
      for (const statement of statementsOf(fn).filter((s) => [s.Action].flat().some((action: string) => action.startsWith('dynamodb:')))) {
        expect([LEDGER_TABLE_ARN, LEDGER_INDEX_ARN]).toContainEqual(statement.Resource);
      }
    });

    it.each(FUNCTIONS)('%s: its role has no wildcard action and no wildcard IVS resource', (fn) => {
      for (const statement of statementsOf(fn)) {
        const actions: string[] = [statement.Action].flat();
        const resources: Json[] = [statement.Resource].flat();
        expect(statement.Effect).toBe('Allow');
        expect(actions.filter((action) => action.includes('*'))).toEqual([]);
        expect(resources).not.toContain('*');
        if (actions.some((action) => action.startsWith('ivs:'))) {
          for (const arn of resources) {
            expect(arn['Fn::Sub']).toMatch(/^arn:\$\{AWS::Partition\}:ivs:\$\{AWS::Region\}:\$\{AWS::AccountId\}:(channel|stream-key|stage)\/\*$/);
          }
        }
      }
    });

    it('moderation can only revoke viewer sessions and disconnect participants: no stream key, StopStream or PutMetadata', () => {
      const ivsStatements = statementsOf('moderation').filter((s) => [s.Action].flat().some((action: string) => action.startsWith('ivs:')));
      expect(ivsStatements.map(({ Action, Resource }) => ({ Action: [Action].flat().sort(), Resource }))).toEqual([
        { Action: ['ivs:BatchStartViewerSessionRevocation', 'ivs:ListTagsForResource'], Resource: ivsArn('channel/*') },
        { Action: ['ivs:DisconnectParticipant', 'ivs:GetStage', 'ivs:ListParticipants', 'ivs:ListTagsForResource'], Resource: ivsArn('stage/*') },
      ]);
    });

    it('stage acts only on stages: exactly the real-time operations it calls, on stage/*; only moderation (disconnect requests) may too', () => {
      const ivsStatements = statementsOf('stage').filter((s) => [s.Action].flat().some((action: string) => action.startsWith('ivs:')));
      expect(ivsStatements.map(({ Action, Resource }) => ({ Action: [Action].flat().sort(), Resource }))).toEqual([
        { Action: ['ivs:DisconnectParticipant', 'ivs:GetParticipant', 'ivs:ListParticipantEvents', 'ivs:ListTagsForResource'], Resource: ivsArn('stage/*') },
      ]);
      for (const fn of FUNCTIONS.filter((f) => f !== 'stage' && f !== 'moderation')) {
        for (const statement of statementsOf(fn)) expect([statement.Resource].flat()).not.toContainEqual(ivsArn('stage/*'));
      }
    });
  });
}
