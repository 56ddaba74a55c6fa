/**
 * `ivs-guard replay [PATH ...]` (DESIGN §4).
 */
import { setFlagsFromString } from 'node:v8';
import { readEvents } from '../read-events.ts';
import { render } from '../format.ts';
import { parseOptions } from '../args.ts';
import type { CommandSpec } from '../args.ts';
import { liveLedgerTable } from '../live-ledger.ts';
import { progressBar } from '../progress.ts';
import { reportStream } from '../stream-report.ts';
import { terminalWidth } from '../text-output.ts';
import { checkReplayOptions } from '../replay-options.ts';
import { replay } from '../../replay/replay.ts';
import { exitStatusOf } from '../../replay/report.ts';

/** The exit status of a replay stopped by SIGINT or SIGTERM (128 + SIGINT's number, as shells report it). */
export const INTERRUPTED_EXIT = 130;

const USAGE = `usage: ivs-guard replay [PATH ...] [options]

PATH: a .json file (one event, an array, or concatenated JSON values), a .jsonl file, a directory
(recursively, in name order), or - for stdin (any of those forms).

options:
  --policies FILE       the policy document (default policies.yml)
  --world FILE          seed the emulator: channels, stream keys, sessions, stages (JSON or YAML)
  --state DIR           keep the emulator's world and the ledger in DIR between replays (read them
                        back with 'ivs-guard history --state DIR'); a saved world wins over --world,
                        which then adds only the channels and stages the saved world lacks
  --live                use real AWS (default credential chain): actions are planned, not taken
  --apply               with --live: take the actions, recorded in the stage's ledger and audit bus
  --stage NAME          with --live: the deployed stage (default dev): ivs-guard-ledger-NAME, ivs-guard-audit-NAME
  --table NAME          with --live: the ledger table, when it is not ivs-guard-ledger-STAGE
  --profile NAME        with --live: the AWS profile
  --region REGION       the AWS region (default: AWS_REGION or us-west-2)
  --endpoint-url URL    with --live: send the AWS calls there
  --output FORMAT       table (default on a terminal), json (default otherwise) or text
  --query EXPR          JMESPath over the JSON report
  --faults SPEC         emulator faults, e.g. throttle=0.3,error=0.05,latency=200,drop=0.02
  --quota MODE          emulator request quotas: real, off (default) or xN
  --moderation-source S the source of moderation requests (default ivs-guard.moderation)

Exit status: 0 nothing rejected or failed, 1 otherwise, 2 a usage error, 130 interrupted.
Ctrl-C (or SIGTERM) stops taking events, finishes the one in flight, saves --state and prints
what was done; a second Ctrl-C quits at once.
`;

const SPEC: CommandSpec = {
  usage: USAGE,
  options: {
    policies: { type: 'string' },
    world: { type: 'string' },
    state: { type: 'string' },
    live: { type: 'boolean' },
    apply: { type: 'boolean' },
    stage: { type: 'string' },
    table: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    'endpoint-url': { type: 'string' },
    output: { type: 'string' },
    query: { type: 'string' },
    faults: { type: 'string' },
    quota: { type: 'string' },
    'moderation-source': { type: 'string' },
  },
};

/** Runs `ivs-guard replay`; resolves to its exit status. */
export async function runReplay(args: string[]): Promise<number> {
  const parsed = parseOptions(args, SPEC);
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const o = checkReplayOptions(parsed);
  if (o.live) {
    if (o.profile !== undefined) process.env.AWS_PROFILE = o.profile;
    if (o.endpointUrl !== undefined) process.env.AWS_ENDPOINT_URL = o.endpointUrl;
  }
  // A GC hint, for a batch job: a replay keeps little live (about 80 MB at 100,000 events) but allocates
  // fast, and V8 then lets its heap grow to 4-5 times the live set before a full collection (475 MB of
  // RSS for 79 MB live). Growing it by at most 2 times halves the garbage held, at the cost of more full
  // collections; nothing caps it, so a larger replay still has all the memory it needs (docs/performance.md).
  setFlagsFromString('--heap-growing-percent=100');
  const interrupt = onInterrupt();
  try {
    const { events, errors } = await readEvents(o.paths);
    interrupt.replaying();
    for (const error of errors) process.stderr.write(`ivs-guard replay: ${error.origin}: ${error.message}\n`);
    if (events.length === 0 && errors.length === 0) process.stderr.write(`ivs-guard replay: no events read from ${o.paths.join(', ')}\n`);
    // table and text stream each event's row as it is decided (the rows are the progress); json waits for the whole report.
    const stream = o.query === undefined && o.output !== 'json' ? reportStream(o.output, terminalWidth()) : undefined;
    const write = (lines: string[]) => {
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    };
    if (stream) write(stream.start());
    const progress = stream ? { update: undefined, done: () => undefined } : progressBar(process.stderr, events.length);
    const report = await replay(events, errors, {
      policiesPath: o.policies,
      worldPath: o.world,
      stateDir: o.state,
      faults: o.faults,
      quota: o.quota,
      live: o.live,
      apply: o.apply,
      stage: o.stage,
      ...(o.live ? { table: liveLedgerTable(o.stage, o.table) } : {}),
      region: o.region,
      moderationSource: o.moderationSource,
      onProgress: progress.update,
      onEvent: stream ? (event) => write(stream.event(event)) : undefined,
      signal: interrupt.signal,
      // The events were read for this replay only: it lets each go once decided (peak memory).
      releaseInputs: true,
      // Streamed rows were printed: the report keeps only those its footer prints again (why:, notes:).
      rows: stream ? 'notable' : 'all',
    });
    progress.done();
    if (stream) write(stream.end(report));
    else process.stdout.write(`${render(report, o.output, o.query)}\n`);
    if (report.interrupted) {
      process.stderr.write(`ivs-guard replay: interrupted after ${report.summary.events} of ${events.length + errors.length} events${o.state ? `; ${o.state} holds the world and the ledger as they were then` : ''}\n`);
      return INTERRUPTED_EXIT;
    }
    return exitStatusOf(report);
  } finally {
    interrupt.dispose();
  }
}

/** SIGINT/SIGTERM: the first asks the replay to stop after the event in flight; the second quits now. */
function onInterrupt(): { signal: AbortSignal; replaying: () => void; dispose: () => void } {
  const controller = new AbortController();
  let reading = true;
  const handler = () => {
    if (reading) {
      // Still reading the input (a terminal's stdin waits for ^D): nothing has been done yet.
      process.stderr.write('ivs-guard replay: interrupted before any event was replayed\n');
      process.exit(INTERRUPTED_EXIT);
    }
    if (controller.signal.aborted) {
      process.stderr.write('ivs-guard replay: interrupted again: quitting without saving\n');
      process.exit(INTERRUPTED_EXIT);
    }
    controller.abort();
    process.stderr.write('ivs-guard replay: interrupted: finishing the event in flight (Ctrl-C again to quit at once)\n');
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    replaying: () => {
      reading = false;
    },
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
