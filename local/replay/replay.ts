/**
 * `ivs-guard replay`: routes each event with the deployed rules' patterns, lets the emulator's world
 * follow it, and delivers it to the real handlers. Returns the report of DESIGN §4.
 */
import { resolve } from 'node:path';
import { isRecord } from '../../domain/defined.ts';
import { parseGuardEvent } from '../../domain/events/parse.ts';
import { loadRoutes, route } from '../eventbridge/router.ts';
import { applyIvsEvent, quotaMultiplier, startEmulator } from '../emulator/index.ts';
import type { PublishedEntry, WorldFile } from '../emulator/index.ts';
import type { InputError, InputEvent } from '../cli/read-events.ts';
import { startLocalLedger } from '../local-ledger.ts';
import { applyEnvironment } from './environment.ts';
import { deployedFunctions, newContainers } from './invoke.ts';
import { planBatches, planRounds } from './batches.ts';
import type { Batch, Routed } from './batches.ts';
import { deliverySettings } from './delivery-settings.ts';
import type { DeliverySettings } from './delivery-settings.ts';
import { deliverReplayBatch } from './round.ts';
import { loadReplayState, saveReplayState } from './state-dir.ts';
import type { ReplayState } from './state-dir.ts';
import type { ReplayReport, ReportEvent } from './report.ts';
import { ReportCollector } from './report.ts';
import type { KeptRows } from './report.ts';

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
  /** Called after each event is reported, for a progress bar. */
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Called with each event's row (unreadable pieces too) as soon as it and every event before it are decided, in report order (streamed output). */
  onEvent?: ((event: ReportEvent) => void) | undefined;
  /**
   * How events are delivered to the handlers: serverless.yml's SQS settings when absent (batches of
   * `batchSize`, the batching window, `maximumConcurrency`); `SEQUENTIAL` delivers one event at a time.
   */
  delivery?: DeliverySettings | undefined;
  /**
   * Aborted (SIGINT, SIGTERM): no further batch is taken, the ones in flight finish, the state is
   * saved as after a whole replay, and the report covers what was replayed, with `interrupted`.
   */
  signal?: AbortSignal | undefined;
  /**
   * The caller hands `inputs` over (the CLI, which read them for this replay only): each event's place
   * in the array is emptied once it is decided, so a long replay does not keep every event it has read.
   * Leave it off to replay the same array again.
   */
  releaseInputs?: boolean | undefined;
  /** Which rows the returned report keeps (`notable` when `onEvent` printed them all); `all` when absent. */
  rows?: KeptRows | undefined;
}

/** What an input's place holds once the replay is done with it (`releaseInputs`). */
const RELEASED: InputEvent = Object.freeze({ raw: undefined, origin: '' });

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
    const delivery = options.delivery ?? deliverySettings();
    const collector = new ReportCollector(options.rows);
    const report = (row: ReportEvent) => {
      collector.add(row);
      options.onEvent?.(row);
    };
    // Each unreadable piece is reported where it was in the input, among its readable neighbours.
    const unread = [...inputErrors];
    const reportUnreadBefore = (position: number) => {
      while (unread.length > 0 && (unread[0]!.position ?? 0) <= position) report(unreadable(unread.shift()!));
    };
    // Each event's row is reported once it and every event before it are decided, in input order.
    const decided = new Map<number, ReportEvent>();
    let next = 0;
    const reportDecided = () => {
      for (let row = decided.get(next); row; row = decided.get(next)) {
        decided.delete(next);
        reportUnreadBefore(next);
        report(row);
        next += 1;
        options.onProgress?.(next, inputs.length);
      }
    };
    const release = (index: number) => {
      if (options.releaseInputs) inputs[index] = RELEASED;
    };
    const { batches, ignored } = plan(inputs, routes, delivery);
    for (const row of ignored) {
      decided.set(row.index, row.row);
      release(row.index);
    }
    let interrupted = false;
    for (const round of planRounds(batches, delivery)) {
      reportDecided();
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      const items = round.flatMap((batch) => batch.items).sort((a, b) => a.index - b.index);
      // The world has reached the latest event of the round when its batches run.
      eventTime = new Date(Math.max(eventTime.getTime(), ...items.map((item) => item.timeMs)));
      // Only an event the guard accepts moves the world: a rejected one leaves it as it was.
      for (const { index } of items) if (emulator && parseGuardEvent(inputs[index]!.raw).ok) applyIvsEvent(emulator.world, inputs[index]!.raw);
      // Each row is described only now: held for every event from the start, rows would cost as much as the events.
      const rows = new Map(items.map(({ index, functions }) => [index, described(inputs[index]!, functions)]));
      await Promise.all(round.map((batch) => deliverReplayBatch(batch, inputs, rows, region, delivery.maxReceiveCount)));
      for (const [index, row] of rows) {
        decided.set(index, row);
        release(index);
      }
      // The planner keeps every batch until the last round; what a batch run is done with can go.
      for (const batch of round) batch.items = [];
    }
    reportDecided();
    // Interrupted: the events decided after one still waiting are reported too, in their order.
    for (const index of [...decided.keys()].sort((a, b) => a - b)) report(decided.get(index)!);
    if (!interrupted) reportUnreadBefore(Number.POSITIVE_INFINITY);
    const whole = collector.report(emulator ? emulator.calls.counts() : {}, emulator ? emulator.published.map(toAuditEvent) : []);
    return interrupted ? { ...whole, interrupted: true } : whole;
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
    ...(typeof resources[0] === 'string' && resources[0].includes(':stage/') ? { stageArn: resources[0] } : {}),
    ...(typeof detail.stream_id === 'string' ? { streamId: detail.stream_id } : {}),
    origin: input.origin,
  };
}

/** The batches to deliver, and the rows of the events no function receives; the routed items live only in the batches. */
function plan(inputs: readonly InputEvent[], routes: ReturnType<typeof loadRoutes>, delivery: DeliverySettings): { batches: Batch[]; ignored: { index: number; row: ReportEvent }[] } {
  const { routed, ignored } = routeAll(inputs, routes);
  return { batches: planBatches(routed, delivery), ignored };
}

/** An event's row before any function has it: what it says of itself, and the functions that will. */
function described(input: InputEvent, functions: string[]): ReportEvent {
  return { ...describe(input), functions, status: functions.length === 0 ? 'ignored' : 'processed', attempts: 0, decisions: [] };
}

/** Routes every event: the ones some function receives, for batching, and the rows of the others. */
function routeAll(inputs: readonly InputEvent[], routes: ReturnType<typeof loadRoutes>): { routed: Routed[]; ignored: { index: number; row: ReportEvent }[] } {
  const routed: Routed[] = [];
  const ignored: { index: number; row: ReportEvent }[] = [];
  const deployed = deployedFunctions();
  // Events routed alike share one list of functions, and one of channels (nothing changes them): one per event would be 200,000 arrays.
  const lists = new Map<string, string[]>();
  const shared = (list: string[]) => {
    const key = list.join('\n');
    if (!lists.has(key)) lists.set(key, list);
    return lists.get(key)!;
  };
  let timeMs = 0;
  for (const [index, input] of inputs.entries()) {
    const functions = shared(route(routes, input.raw).filter((fn) => deployed.includes(fn)));
    timeMs = timeOf(input.raw)?.getTime() ?? timeMs;
    if (functions.length === 0) ignored.push({ index, row: described(input, functions) });
    else routed.push({ index, functions, channels: shared(orderKeys(input.raw)), timeMs });
  }
  return { routed, ignored };
}

/** The channels (or other resources) an event is about, which keep its place among theirs; one shared key when it names none. */
function orderKeys(raw: unknown): string[] {
  const event = isRecord(raw) ? raw : {};
  const keys = new Set<string>();
  if (Array.isArray(event.resources)) for (const r of event.resources) if (typeof r === 'string') keys.add(r);
  const detail = isRecord(event.detail) ? event.detail : {};
  if (Array.isArray(detail.viewerSessions)) for (const v of detail.viewerSessions) if (isRecord(v) && typeof v.channelArn === 'string') keys.add(v.channelArn);
  return keys.size > 0 ? [...keys] : ['(no resource)'];
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
