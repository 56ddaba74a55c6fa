/**
 * A container that dies in the middle of a decision (#7): a child process runs the deployed stream handler and is
 * killed with SIGKILL (a Lambda timeout, out of memory) by the proxy in front of the emulator when it sees the
 * rotation's next call. The operator sees the action pending in the ledger; once the lease (2 s here,
 * IVS_GUARD_LEASE_SECONDS) is over, the redelivery, in another container, takes the action over, finds out what the
 * dead one did, and finishes the rotation: the ledger tells the truth and the channel has exactly one key.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { actionKeyOf } from '../../adapters/ledger-items.ts';
import { streamStateChange } from '../../local/event-builders.ts';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import { LOCAL_LEDGER_TABLE, localDynamoClient } from '../../local/local-ledger.ts';
import type { ProxiedCall, ProxyVerdict } from './fixtures/ivs-proxy.ts';
import { channelOf, deliverUntilResolved, freshContainer, publishedFor, startOnceStack, streamIdOf } from './once-harness.ts';
import type { OnceStack } from './once-harness.ts';

const CHILD = fileURLToPath(new URL('./fixtures/stream-handler-child.ts', import.meta.url));
const POLICIES = `
version: 1
mode: enforce
policies:
  - name: leak
    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }
    then: [rotateStreamKey, stopStream]
`;

/** Where the child dies: at its first call of `operation`, before the emulator sees it (`hold`) or once it was applied (`lose`). */
let killAt: { operation: string; verdict: Extract<ProxyVerdict, 'hold' | 'lose'>; child: ChildProcess } | undefined;

function decide({ operation }: ProxiedCall): ProxyVerdict {
  if (!killAt || killAt.operation !== operation) return 'forward';
  const { verdict, child } = killAt;
  killAt = undefined;
  child.kill('SIGKILL');
  return verdict;
}

let stack: OnceStack;
beforeAll(async () => {
  stack = await startOnceStack(POLICIES, { proxy: decide, env: { IVS_GUARD_LEASE_SECONDS: '2' } });
});
afterAll(async () => {
  await stack.stop();
});

/** Runs the stream handler on `event` in a child process killed at `operation`; resolves with how it ended. */
async function runChildKilledAt(event: Record<string, unknown>, operation: string, verdict: 'hold' | 'lose'): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, IVS_GUARD_CHILD_BODY: JSON.stringify(event) }, stdio: ['ignore', 'pipe', 'pipe'] });
  killAt = { operation, verdict, child };
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (_, signal) => resolve({ signal, output })));
}

async function rawRow(actionKey: string): Promise<Record<string, unknown> | undefined> {
  const client = localDynamoClient(stack.dynamo.url);
  try {
    const { Item } = await DynamoDBDocumentClient.from(client).send(new GetCommand({ TableName: LOCAL_LEDGER_TABLE, Key: actionKeyOf(actionKey), ConsistentRead: true }));
    return Item;
  } finally {
    client.destroy();
  }
}

let crashes = 0;

describe('a container killed in the middle of a key rotation', () => {
  it.each([
    ['after DeleteStreamKey, before CreateStreamKey', 'CreateStreamKey', 'hold', 'deleted'],
    ['after ListStreamKeys, before DeleteStreamKey', 'DeleteStreamKey', 'hold', 'listed'],
    ['as CreateStreamKey was applied, before its answer', 'CreateStreamKey', 'lose', 'created'],
  ] as const)('%s: the redelivery after the lease completes the rotation; the ledger tells the truth; one key', async (_, operation, verdict, reached) => {
    crashes += 1;
    const channelArn = channelOf('crash', crashes);
    const streamId = streamIdOf(crashes);
    const { world } = stack.emulator;
    applyIvsEvent(world, streamStateChange('Stream Start', { id: `start-${crashes}`, time: '2026-11-20T19:00:00Z', channelArn, detail: { stream_id: streamId } }));
    const [oldKey] = world.channels.get(channelArn)!.streamKeys.map((k) => k.arn);
    const event = streamStateChange('Stream Takeover Failure', { id: `crash-${crashes}`, time: '2026-11-20T19:01:00Z', channelArn, detail: { stream_id: streamId, code: 'StreamTakeoverInvalidPriority' } });
    const rotation = `crash-${crashes}#leak#0`;
    const keys = () => world.channels.get(channelArn)?.streamKeys.map((k) => k.arn) ?? [];
    const done = (name: string) => world.actions.filter((a) => a.operation === name && (a.target === channelArn || a.detail?.channelArn === channelArn));

    const ended = await runChildKilledAt(event, operation, verdict);

    expect(ended.signal, ended.output).toBe('SIGKILL');
    expect(done('DeleteStreamKey')).toHaveLength(reached === 'listed' ? 0 : 1);
    expect(keys()).toHaveLength(reached === 'deleted' ? 0 : 1);
    // What the operator sees in `ivs-guard history` meanwhile: the rotation pending, nothing else.
    expect((await stack.ledger.history({ channelArn })).map((row) => `${row.type} ${row.status}`)).toEqual(['rotateStreamKey pending']);
    const row = await rawRow(rotation);
    expect(row?.progress).toBe(JSON.stringify({ keysBefore: [oldKey] }));

    await sleep(Math.max(0, Date.parse(String(row?.leaseUntil)) - Date.now()) + 100);
    const receives = await deliverUntilResolved(await freshContainer('stream'), 'stream', 'msg-crash', event);

    expect(receives).toBe(1);
    const [newKey] = keys();
    expect(keys()).toHaveLength(1);
    expect(newKey).not.toBe(oldKey);
    expect(done('DeleteStreamKey').map((a) => a.target)).toEqual([oldKey]);
    expect(done('CreateStreamKey').map((a) => a.detail?.streamKeyArn)).toEqual([newKey]);
    const rows = await stack.ledger.history({ channelArn });
    const reason = `deleted ${oldKey}; created ${newKey}${reached === 'created' ? ' (found created by an earlier attempt of this rotation)' : ''}`;
    expect(rows.map((r) => [r.type, r.status, r.reason])).toEqual(
      expect.arrayContaining([
        ['rotateStreamKey', 'applied', reason],
        ['stopStream', 'applied', 'stream stopped'],
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(publishedFor(stack.emulator, `crash-${crashes}`).map((d) => d.actions.map((a) => [a.type, a.status, a.reason]))).toEqual([
      [
        ['rotateStreamKey', 'applied', reason],
        ['stopStream', 'applied', 'stream stopped'],
      ],
    ]);
  }, 60_000);
});
