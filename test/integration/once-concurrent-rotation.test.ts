/**
 * Two, four or eight copies of one SQS message at the same instant (#7): EventBridge is at-least-once and an SQS
 * standard queue may hand one message to several containers. Each copy goes to a container of its own (the
 * deployed stream handler in a fresh module graph: its own SDK clients and guard), all on one dynalite and one
 * emulator. A copy that finds an action or the publishing leased by another is failed back to SQS and delivered
 * again until it resolves. The decision rotates the channel's key and puts metadata; counted by the emulator's own
 * record: each action taken once, the decision published once, the hour's budget charged once per action.
 * (once-concurrent-revocation.test.ts does the same for a revocation.)
 */
import { describe, expect, it } from 'vitest';
import { streamStateChange } from '../../local/event-builders.ts';
import { applyIvsEvent } from '../../local/emulator/index.ts';
import { channelOf, copiesOnOneStack, deliverCopies, differences, publishedFor, rowsOf, streamIdOf, trialHour } from './once-harness.ts';

const TRIALS = 50;
const MAX_COPIES = 8;
const TEXT = 'the stream key was rotated';

const POLICIES = `
version: 1
mode: enforce
safety: { cooldownSeconds: 300, maxActionsPerHour: 100 }
policies:
  - name: leak-rotate
    on: { detailType: IVS Stream State Change, names: [Stream Takeover Failure] }
    then: [rotateStreamKey, { putMetadata: { text: "${TEXT}" } }]
`;

const setup = copiesOnOneStack(POLICIES, 'stream', MAX_COPIES);

let trials = 0;

/** One trial: a fresh live channel whose takeover failure reaches `copies` containers at once; what went wrong, if anything. */
async function trial(copies: number): Promise<string[]> {
  const { stack, containers } = setup;
  trials += 1;
  const n = trials;
  const channelArn = channelOf('rota', n);
  const { hour, at } = trialHour(n);
  const streamId = streamIdOf(n);
  applyIvsEvent(stack.emulator.world, streamStateChange('Stream Start', { id: `start-${n}`, time: at(1), channelArn, detail: { stream_id: streamId } }));
  const keysBefore = stack.emulator.world.channels.get(channelArn)?.streamKeys.map((k) => k.arn) ?? [];
  const eventId = `leak-${n}`;
  const failure = streamStateChange('Stream Takeover Failure', { id: eventId, time: at(2), channelArn, detail: { stream_id: streamId, code: 'StreamTakeoverInvalidPriority' } });

  await deliverCopies(containers.slice(0, copies), 'stream', `msg-${eventId}`, failure);

  const { world } = stack.emulator;
  const done = world.actions.filter((a) => a.target === channelArn || a.detail?.channelArn === channelArn);
  return differences(`trial ${n} (${copies} copies)`, [
    ['operations the emulator applied', done.map((a) => a.operation), ['DeleteStreamKey', 'CreateStreamKey', 'PutMetadata']],
    ['the key deleted', done.filter((a) => a.operation === 'DeleteStreamKey').map((a) => a.target), keysBefore],
    ["the channel's keys", world.channels.get(channelArn)?.streamKeys.map((k) => k.arn), done.filter((a) => a.operation === 'CreateStreamKey').map((a) => a.detail?.streamKeyArn)],
    ['metadata inserted', world.metadata.filter((m) => m.channelArn === channelArn).map((m) => m.metadata), [TEXT]],
    ['decisions published', publishedFor(stack.emulator, eventId).map((d) => d.actions.map((a) => `${a.type} ${a.status}`)), [['rotateStreamKey applied', 'putMetadata applied']]],
    ["the hour's budget", await stack.budgetUsed(hour), 2],
    ['ledger rows', (await rowsOf(stack, channelArn, eventId)).map((r) => `${r.type} ${r.status}`), ['rotateStreamKey applied', 'putMetadata applied']],
  ]);
}

describe('copies of one takeover failure at the same instant, each in a container of its own', () => {
  it.each([2, 4, 8])('%i copies, 50 trials: the key rotated once, the metadata put once, published once, the budget charged twice', async (copies) => {
    const problems: string[] = [];
    for (let i = 0; i < TRIALS; i += 1) problems.push(...(await trial(copies)));
    expect(problems).toEqual([]);
  }, 120_000);

  it('the containers are separate module instances', () => {
    expect(new Set(setup.containers).size).toBe(MAX_COPIES);
  });
});
