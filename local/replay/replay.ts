/**
 * `ivs-guard replay`: routes each event with the deployed rules' patterns, lets the emulator's world
 * follow it, and delivers it to the real handlers. Returns the report of DESIGN §4.
 */
import { resolve } from 'node:path';
import { isRecord } from '../../domain/defined.ts';
import { parseGuardEvent } from '../../domain/events/parse.ts';
import type { GuardEvent } from '../../domain/events/types.ts';
import type { DecisionRecord } from '../../domain/ports.ts';
import { loadRoutes, route } from '../eventbridge/router.ts';
import { applyIvsEvent, quotaMultiplier, startEmulator } from '../emulator/index.ts';
import type { PublishedEntry, WorldFile } from '../emulator/index.ts';
import type { InputError, InputEvent } from '../cli/read-events.ts';
import { startLocalLedger } from '../local-ledger.ts';
import { applyEnvironment } from './environment.ts';
import { deliver, deployedFunctions, newContainers } from './invoke.ts';
import { loadReplayState, saveReplayState } from './state-dir.ts';
import type { ReplayState } from './state-dir.ts';
import type { ReplayReport, ReportDecision, ReportEvent } from './report.ts';
import { summarize } from './report.ts';

export interface ReplayOptions {
  policiesPath: string;
  worldPath?: string | undefined;
  /**
   * A directory that keeps the emulator's world and the ledger between replays (`--state`); in
   * memory when absent. Its saved world wins over `worldPath`, which seeds only what it lacks.
   */
  stateDir?: string | undefined;
  faults?: string | undefined;
  quota?: string | undefined;
  live?: boolean | undefined;
  apply?: boolean | undefined;
  /** With `--live`: the deployed stage (its audit bus and ledger table). */
  stage?: string | undefined;
  region?: string | undefined;
  moderationSource?: string | undefined;
  /** With `--live`: the ledger table, when not the stage's (`--table`). */
  table?: string | undefined;
  /** Called after each event, for a progress bar. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /**
   * Aborted (SIGINT, SIGTERM): no further event is taken, the one in flight finishes, the state is
   * saved as after a whole replay, and the report covers what was replayed, with `interrupted`.
   */
  signal?: AbortSignal | undefined;
}

export async function replay(inputs: InputEvent[], inputErrors: InputError[], options: ReplayOptions): Promise<ReplayReport> {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-west-2';
  const routes = loadRoutes(undefined, withModerationSource(options.moderationSource));
  // The emulator stamps what the guard does with the time of the event being replayed.
  let eventTime = new Date(0);
  const state = options.stateDir && !options.live ? await loadReplayState(resolve(options.stateDir), options.worldPath && resolve(options.worldPath)) : undefined;
  const emulator = options.live
    ? undefined
    : await startEmulator({
        clock: () => eventTime,
        ...(state ? stateWorld(state) : options.worldPath ? { world: resolve(options.worldPath) } : {}),
        ...(options.faults ? { faults: options.faults } : {}),
        ...(options.quota ? { quota: options.quota as 'real' } : {}),
      });
  for (const id of state?.appliedEventIds ?? []) emulator?.world.appliedEventIds.add(id);
  const dynamo = options.live
    ? undefined
    : await startLocalLedger(state?.paths.dynamodb).catch(async (error: unknown) => {
        await emulator?.stop();
        throw error;
      });
  newContainers();
  const restore = applyEnvironment(emulator && dynamo ? { ivs: emulator.url, dynamodb: dynamo.url } : undefined, {
    policiesPath: resolve(options.policiesPath),
    region,
    planOnly: Boolean(options.live && !options.apply),
    // The pacer follows the emulator's quotas (none by default); against AWS, the documented ones.
    ...(options.live ? {} : { rateShare: String(quotaMultiplier(options.quota ?? 'off') ?? 'off') }),
    ...(options.stage ? { stage: options.stage } : {}),
    ...(options.table ? { table: options.table } : {}),
  });
  try {
    const events: ReportEvent[] = [];
    // Each unreadable piece is reported where it was in the input, among its readable neighbours.
    const unread = [...inputErrors];
    const reportUnreadBefore = (position: number) => {
      while (unread.length > 0 && (unread[0]!.position ?? 0) <= position) events.push(unreadable(unread.shift()!));
    };
    let interrupted = false;
    for (const [index, input] of inputs.entries()) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      reportUnreadBefore(index);
      eventTime = timeOf(input.raw) ?? eventTime;
      events.push(await replayOne(input, routes, emulator, region));
      options.onProgress?.(index + 1, inputs.length);
    }
    if (!interrupted) reportUnreadBefore(Number.POSITIVE_INFINITY);
    const report = summarize(events, emulator ? emulator.calls.counts() : {}, emulator ? emulator.published.map(toAuditEvent) : []);
    return interrupted ? { ...report, interrupted: true } : report;
  } finally {
    restore();
    try {
      if (state && emulator) await saveReplayState(state.paths, emulator.world);
    } finally {
      await emulator?.stop();
      await dynamo?.stop();
    }
  }
}

/** The emulator options a saved state gives: its world and the seed of the ids it creates. */
function stateWorld(state: ReplayState): { world?: WorldFile; seed?: number } {
  return { ...(state.world ? { world: state.world } : {}), ...(state.seed === undefined ? {} : { seed: state.seed }) };
}

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function replayOne(input: InputEvent, routes: ReturnType<typeof loadRoutes>, emulator: Emulator | undefined, region: string): Promise<ReportEvent> {
  const base = describe(input);
  const functions = route(routes, input.raw).filter((fn) => deployedFunctions().includes(fn));
  if (functions.length === 0) return { ...base, functions, status: 'ignored', attempts: 0, decisions: [] };
  // Only an event the guard accepts moves the world: a rejected one leaves it as it was.
  if (emulator && parseGuardEvent(input.raw).ok) applyIvsEvent(emulator.world, input.raw);

  const report: ReportEvent = { ...base, functions, status: 'processed', attempts: 0, decisions: [] };
  for (const fn of functions) {
    const { outcome, attempts } = await deliver(fn, input.raw, region);
    report.attempts += attempts;
    if (!outcome) return { ...report, status: 'failed', error: `the ${fn} handler reported no outcome` };
    if (outcome.status === 'rejected') {
      return { ...report, status: 'rejected', error: outcome.rejections.map((r) => `${r.field}: ${r.reason}`).join('; ') };
    }
    if (outcome.status === 'failed') return { ...report, status: 'failed', error: `${outcome.error} (after ${attempts} deliveries)` };
    report.decisions.push(...outcome.decisions.map(toReportDecision));
    Object.assign(report, identity(outcome.event));
  }
  return report;
}

function toReportDecision(record: DecisionRecord): ReportDecision {
  return { policy: record.policy, mode: record.mode, evidence: record.evidence, actions: record.actions };
}

/** What can be said of an event before parsing it: whatever of its envelope is there. */
function describe(input: InputEvent): Omit<ReportEvent, 'functions' | 'status' | 'attempts' | 'decisions'> {
  const raw = isRecord(input.raw) ? input.raw : {};
  const detail = isRecord(raw.detail) ? raw.detail : {};
  const resources = Array.isArray(raw.resources) ? raw.resources : [];
  const name = detail.event_name ?? detail.recording_status ?? detail.limit_name ?? detail.limit;
  return {
    id: typeof raw.id === 'string' ? raw.id : input.origin,
    detailType: typeof raw['detail-type'] === 'string' ? raw['detail-type'] : '',
    name: typeof name === 'string' ? name : '',
    ...(typeof resources[0] === 'string' && resources[0].includes(':channel/') ? { channelArn: resources[0] } : {}),
    ...(typeof detail.stream_id === 'string' ? { streamId: detail.stream_id } : {}),
    origin: input.origin,
  };
}

/** What the parsed event says it is: more exact than the envelope read before parsing. */
function identity(event: GuardEvent): Partial<ReportEvent> {
  const out: Partial<ReportEvent> = { name: event.name };
  if ('channelArn' in event && typeof event.channelArn === 'string') out.channelArn = event.channelArn;
  if ('streamId' in event && typeof event.streamId === 'string') out.streamId = event.streamId;
  if (event.notes !== undefined) out.notes = event.notes;
  return out;
}

function unreadable(error: InputError): ReportEvent {
  return { id: error.origin, detailType: '', name: '', origin: error.origin, functions: [], status: 'rejected', error: error.message, attempts: 0, decisions: [] };
}

function withModerationSource(source: string | undefined): { moderationSource?: string } {
  return source ? { moderationSource: source } : {};
}

function timeOf(raw: unknown): Date | undefined {
  const time = isRecord(raw) && typeof raw.time === 'string' ? Date.parse(raw.time) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** A captured PutEvents entry, as a rule on the audit bus would receive it. */
function toAuditEvent(entry: PublishedEntry): Record<string, unknown> {
  let detail: unknown = entry.Detail;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    // kept as text: the bus would have refused it, and the report shows it as it was sent
  }
  return { source: entry.Source, 'detail-type': entry.DetailType, resources: entry.Resources, time: entry.Time, detail };
}
