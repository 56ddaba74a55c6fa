/**
 * A day of events (over 2,000, seeded) replayed through `replay()` — the CLI's in-process replay: the
 * real handlers, the emulator, dynalite — while the emulator throttles, fails, drops calls and loses answers
 * (`lost`: the call is applied, its answer never arrives, the SDK's retry meets the consequence). Every
 * event ends processed, rejected with a reason that names the field, or failed after the queue's five
 * deliveries; and what the emulator saw done is, one for one, what the ledger says was applied.
 *
 * `replay()` keeps its emulator and its DynamoDB to itself and stops both before it returns, so this
 * file wraps `startEmulator` and `startDynalite` (the real ones, through vi.mock) to keep a handle on
 * each, and holds dynalite open until the ledger has been read. The replay itself is untouched.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import type { Emulator } from '../../local/emulator/index.ts';
import type { RunningDynalite } from '../../local/dynalite.ts';
import { LOCAL_LEDGER_TABLE } from '../../local/local-ledger.ts';
import { MAX_RECEIVE_COUNT } from '../../local/replay/invoke.ts';
import { replay } from '../../local/replay/replay.ts';
import type { ReplayReport, ReportEvent } from '../../local/replay/report.ts';
import { dayOfEvents } from '../generators/day-of-events/index.ts';
import type { Day, DayEvent } from '../generators/day-of-events/index.ts';
import { noteAuditEntries } from '../output-scanner.ts';

const handles = vi.hoisted(() => ({ emulator: undefined as Emulator | undefined, dynamo: undefined as RunningDynalite | undefined }));

vi.mock(import('../../local/emulator/index.ts'), async (importOriginal) => {
  const real = await importOriginal();
  return {
    ...real,
    startEmulator: async (options) => {
      handles.emulator = await real.startEmulator(options);
      return handles.emulator;
    },
  };
});

vi.mock(import('../../local/dynalite.ts'), async (importOriginal) => {
  const real = await importOriginal();
  return {
    ...real,
    startDynalite: async (options) => {
      handles.dynamo = await real.startDynalite(options);
      // Stopped in afterAll, once the ledger has been read.
      return { url: handles.dynamo.url, stop: () => Promise.resolve() };
    },
  };
});

/** The IVS calls that change something, each of which the ledger must account for. */
const STATE_CHANGING = new Set(['CreateStreamKey', 'DeleteStreamKey', 'StopStream', 'PutMetadata', 'BatchStartViewerSessionRevocation']);

const FAULTS = 'throttle=0.3,error=0.05,latency=1,drop=0.02,lost=0.02';

describe(`a day of events replayed with faults (${FAULTS})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-faults-'));
  let day: Day;
  let report: ReplayReport;
  let emulator: Emulator;
  let applied: LedgerEntry[];
  let ledgerRows: LedgerEntry[];
  const byId = new Map<string, DayEvent>();

  beforeAll(async () => {
    day = dayOfEvents({ seed: 20261120 });
    for (const event of day.events) byId.set(String(event.raw.id), event);
    // The shipped policies, with a budget the day cannot exhaust and must-record enforced (so PutMetadata is taken too).
    const policies = parse(readFileSync('policies.yml', 'utf8')) as { safety: { maxActionsPerHour: number }; policies: Array<{ name: string; mode?: string }> };
    policies.safety.maxActionsPerHour = 100_000;
    for (const policy of policies.policies) if (policy.name === 'must-record') policy.mode = 'enforce';
    writeFileSync(join(dir, 'policies.yml'), stringify(policies));
    writeFileSync(join(dir, 'world.json'), JSON.stringify(day.world));

    report = await replay(
      day.events.map((event, index) => ({ raw: event.raw, origin: `day.jsonl:${index + 1}` })),
      [],
      { policiesPath: join(dir, 'policies.yml'), worldPath: join(dir, 'world.json'), faults: FAULTS, region: 'us-west-2' },
    );
    emulator = handles.emulator!;
    const client = new DynamoDBClient({ endpoint: handles.dynamo!.url, region: 'us-west-2', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      ledgerRows = await ledgerAdapter(client, { tableName: LOCAL_LEDGER_TABLE }).history({ limit: 100_000 });
    } finally {
      client.destroy();
    }
    applied = ledgerRows.filter((row) => row.status === 'applied');
    // The report is what the CLI prints; the published entries are the audit bus: both are scanned for secrets.
    noteAuditEntries('replay report', report);
  }, 300_000);

  afterAll(async () => {
    await handles.dynamo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays over 2,000 events, and the faults really happened', () => {
    expect(report.events).toHaveLength(day.events.length);
    expect(day.events.length).toBeGreaterThanOrEqual(2000);
    const faulted = emulator.calls.records.filter((call) => call.fault !== undefined);
    expect(new Set(faulted.map((call) => call.fault))).toEqual(new Set(['throttle', 'error', 'drop', 'lost']));
    expect(faulted.length).toBeGreaterThan(50);
    // At least one answer lost after IVS changed something: the one-for-one checks below meet a lost response.
    const lostActions = faulted.filter((call) => call.fault === 'lost' && STATE_CHANGING.has(call.operation));
    expect(lostActions.length).toBeGreaterThan(0);
  });

  it('ends every event processed, rejected with the broken field named, or failed after five deliveries with its reason', () => {
    const wrong: string[] = [];
    for (const [index, event] of report.events.entries()) {
      const generated = day.events[index]!;
      const problem = generated.kind === 'malformed' ? rejectionProblem(event, generated) : endingProblem(event);
      if (problem) wrong.push(`${event.origin} (${generated.kind}, ${event.detailType} ${event.name}): ${problem}`);
    }
    expect(wrong).toEqual([]);
    expect(report.summary.rejected).toBe(day.events.filter((e) => e.kind === 'malformed').length);
    expect(report.summary.ignored).toBe(0);
  });

  it('decides what the day calls for: every burst past the threshold rotates its key once, every broadcast over the ceiling is stopped', () => {
    const rotations = applied.filter((row) => row.type === 'rotateStreamKey');
    for (const burst of day.bursts.filter((b) => b.failures >= 3 && !day.protectedChannels.includes(b.channelArn))) {
      const ofBurst = rotations.filter((row) => row.channelArn === burst.channelArn && byId.get(row.eventId)?.burst === burst.id);
      if (failedEventsOf(burst.id).length === 0) expect(ofBurst, burst.id).toHaveLength(1);
      else expect(ofBurst.length, burst.id).toBeLessThanOrEqual(1);
    }
    for (const burst of day.bursts.filter((b) => b.failures < 3)) {
      expect(rotations.filter((row) => byId.get(row.eventId)?.burst === burst.id), burst.id).toEqual([]);
    }
    const stoppedCeilings = new Set(applied.filter((row) => row.type === 'stopStream' && row.policy === 'ingest-ceiling').map((row) => row.channelArn));
    const unfailedCeilings = day.ceilingChannels.filter((arn) => !report.events.some((e) => e.channelArn === arn && e.status === 'failed'));
    for (const arn of unfailedCeilings) expect(stoppedCeilings, arn).toContain(arn);
    const puts = applied.filter((row) => row.type === 'putMetadata');
    expect(puts.length).toBeGreaterThan(0);
    for (const row of puts) expect(day.mustRecordChannels, row.actionKey).toContain(row.channelArn);
    expect(applied.filter((row) => row.type === 'revokeViewerSessions').length).toBeGreaterThan(0);
    // Nothing is ever applied to a protected channel.
    for (const arn of day.protectedChannels) expect(applied.filter((row) => row.channelArn === arn && row.type !== 'revokeViewerSessions')).toEqual([]);
  });

  it('reports for each event processed at its first delivery the actions the ledger recorded for it', () => {
    const differences: string[] = [];
    // A redelivered event reports what it found recorded in its own words; one delivered once reports what it did.
    for (const event of report.events.filter((e) => e.status === 'processed' && e.attempts === e.functions.length)) {
      const reported = event.decisions.flatMap((d) => d.actions.filter((a) => a.status === 'applied').map((a) => a.type));
      const recorded = applied.filter((row) => row.eventId === event.id).map((row) => row.type);
      if (sorted(reported).join() !== sorted(recorded).join()) differences.push(`${event.origin}: reported [${reported.join()}], recorded [${recorded.join()}]`);
    }
    expect(differences).toEqual([]);
    expect(report.summary.actions.applied).toBeGreaterThan(0);
  });

  it('leaves an action pending only when its event went to the DLQ', () => {
    // A pending row is an action whose event went to the DLQ mid-way; there may be none left over in a day this size.
    const pending = ledgerRows.filter((row) => row.status === 'pending');
    for (const row of pending) expect(report.events.find((e) => e.id === row.eventId)?.status, row.actionKey).toBe('failed');
  });

  it('applied each key rotation the emulator saw, once: DeleteStreamKey then CreateStreamKey, and only those', () => {
    const rotations = applied.filter((row) => row.type === 'rotateStreamKey');
    const created = emulator.world.actions.filter((a) => a.operation === 'CreateStreamKey').map((a) => `${a.target} ${String(a.detail?.streamKeyArn)}`);
    const ledgerCreated = rotations.map((row) => `${row.target} ${/created (\S+)$/.exec(row.reason ?? '')?.[1] ?? `(no key in '${row.reason ?? ''}')`}`);
    expect(sorted(ledgerCreated)).toEqual(sorted(created));
    const deletedPerChannel = countBy(emulator.world.actions.filter((a) => a.operation === 'DeleteStreamKey').map((a) => String(a.detail?.channelArn)));
    expect(deletedPerChannel).toEqual(countBy(rotations.map((row) => row.target)));
    expect(rotations.length).toBeGreaterThan(0);
  });

  it('applied each StopStream the emulator saw, once (a channel already off the air needs none)', () => {
    const stops = applied.filter((row) => row.type === 'stopStream' && row.reason === 'stream stopped');
    const notBroadcasting = applied.filter((row) => row.type === 'stopStream' && row.reason !== 'stream stopped');
    expect(notBroadcasting.every((row) => row.reason === 'channel was not broadcasting: nothing to stop')).toBe(true);
    expect(sorted(stops.map((row) => row.target))).toEqual(sorted(operations('StopStream').map((a) => a.target)));
    expect(stops.length).toBeGreaterThan(0);
  });

  it('applied each PutMetadata the emulator saw, once', () => {
    const puts = applied.filter((row) => row.type === 'putMetadata');
    expect(sorted(puts.map((row) => row.target))).toEqual(sorted(operations('PutMetadata').map((a) => a.target)));
  });

  it('revoked exactly the pairs of the requests the ledger says were applied, each once, and none on a protected channel', () => {
    const revoked = operations('BatchStartViewerSessionRevocation').map((a) => `${a.target} ${String(a.detail?.viewerId)} ${String(a.detail?.viewerSessionVersionsLessThanOrEqualTo)}`);
    const expected = applied
      .filter((row) => row.type === 'revokeViewerSessions')
      .flatMap((row) => byId.get(row.eventId)?.pairs ?? [])
      .filter((pair) => !day.protectedChannels.includes(pair.channelArn))
      .map((pair) => `${pair.channelArn} ${pair.viewerId} ${pair.viewerSessionVersionsLessThanOrEqualTo}`);
    expect(sorted(revoked)).toEqual(sorted(expected));
    expect(revoked.length).toBeGreaterThan(0);
  });

  it('took no state-changing call the ledger does not account for', () => {
    expect(emulator.world.actions.filter((a) => !STATE_CHANGING.has(a.operation))).toEqual([]);
  });

  function operations(name: string) {
    return emulator.world.actions.filter((a) => a.operation === name);
  }

  function failedEventsOf(burst: string): ReportEvent[] {
    return report.events.filter((e) => e.status === 'failed' && byId.get(e.id)?.burst === burst);
  }
});

function endingProblem(event: ReportEvent): string | undefined {
  if (event.status === 'processed') return undefined;
  if (event.status === 'failed') {
    if (!event.error || !event.error.includes(`after ${MAX_RECEIVE_COUNT} deliveries`)) return `failed without its reason and deliveries: '${event.error ?? ''}'`;
    return event.attempts === MAX_RECEIVE_COUNT * event.functions.length ? undefined : `failed after ${event.attempts} deliveries`;
  }
  return `ended ${event.status}${event.error ? `: ${event.error}` : ''}`;
}

function rejectionProblem(event: ReportEvent, generated: DayEvent): string | undefined {
  if (event.status !== 'rejected') return `ended ${event.status}, not rejected`;
  if (!event.error?.includes(`${generated.brokenField ?? '?'}: `)) return `rejected without naming ${generated.brokenField ?? '?'}: '${event.error ?? ''}'`;
  return event.attempts === event.functions.length ? undefined : `a rejection was delivered ${event.attempts} times`;
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
