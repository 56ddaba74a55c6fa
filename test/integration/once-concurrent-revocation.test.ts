/**
 * Two, four or eight copies of one revocation request at the same instant (#7), each to a container of its own (the
 * deployed moderation handler in a fresh module graph), on one dynalite and one emulator; copies that find the
 * action or the publishing leased are delivered again until they resolve. Counted by the emulator's own record:
 * each pair revoked once, the decision published once, the hour's budget charged once.
 * (once-concurrent-rotation.test.ts does the same for a key rotation with metadata.)
 */
import { describe, expect, it } from 'vitest';
import { revocationRequested } from '../../local/event-builders.ts';
import { channelOf, copiesOnOneStack, deliverCopies, differences, publishedFor, rowsOf, trialHour } from './once-harness.ts';

const TRIALS = 50;
const MAX_COPIES = 8;
const VIEWERS = ['alice', 'bob', 'carol'];

const POLICIES = `
version: 1
mode: enforce
safety: { cooldownSeconds: 300, maxActionsPerHour: 100 }
policies:
  - name: moderation
    on: { detailType: Viewer Session Revocation Requested }
    then: [revokeViewerSessions]
`;

const setup = copiesOnOneStack(POLICIES, 'moderation', MAX_COPIES);

let trials = 0;

/** One trial: a fresh channel, a request to revoke three viewers on it, delivered to `copies` containers at once. */
async function trial(copies: number): Promise<string[]> {
  const { stack, containers } = setup;
  trials += 1;
  const n = trials;
  const channelArn = channelOf('revo', n);
  stack.emulator.world.ensureChannel(channelArn);
  const { hour, at } = trialHour(n);
  const eventId = `revoke-${n}`;
  const request = revocationRequested(VIEWERS.map((viewerId) => ({ channelArn, viewerId, viewerSessionVersionsLessThanOrEqualTo: n })), { id: eventId, time: at(3) });

  await deliverCopies(containers.slice(0, copies), 'moderation', `msg-${eventId}`, request);

  const { world } = stack.emulator;
  return differences(`trial ${n} (${copies} copies)`, [
    ['pairs revoked', world.revocations.filter((r) => r.channelArn === channelArn).map((r) => `${r.viewerId}<=${r.viewerSessionVersionsLessThanOrEqualTo}`).sort(), VIEWERS.map((v) => `${v}<=${n}`)],
    ['calls that changed something', world.actions.filter((a) => a.target === channelArn).length, VIEWERS.length],
    ['decisions published', publishedFor(stack.emulator, eventId).map((d) => d.actions.map((a) => `${a.type} ${a.status}`)), [['revokeViewerSessions applied']]],
    ["the hour's budget", await stack.budgetUsed(hour), 1],
    ['ledger rows', (await rowsOf(stack, channelArn, eventId)).map((r) => `${r.type} ${r.status}`), ['revokeViewerSessions applied']],
  ]);
}

describe('copies of one revocation request at the same instant, each in a container of its own', () => {
  it.each([2, 4, 8])('%i copies, 50 trials: each pair revoked once, published once, the budget charged once', async (copies) => {
    const problems: string[] = [];
    for (let i = 0; i < TRIALS; i += 1) problems.push(...(await trial(copies)));
    expect(problems).toEqual([]);
  }, 120_000);

  it('the containers are separate module instances', () => {
    expect(new Set(setup.containers).size).toBe(MAX_COPIES);
  });
});
