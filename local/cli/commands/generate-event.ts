/**
 * `ivs-guard generate-event KIND [--set key=value ...] [--count N] [--compact]`: prints sample events
 * of any IVS kind, pretty-printed or one a line (JSONL), ready for `ivs-guard replay -`.
 */
import { GenerateEventError, generateEvent, listEventKinds } from '../../generate-event.ts';
import { parseOptions, UsageError } from '../args.ts';

/** The most events one run prints: a replay of more is better read from a file. */
export const MAX_GENERATED_EVENTS = 10_000;

const USAGE = `usage: ivs-guard generate-event KIND [--set key=value ...] [--count N] [--compact]

Prints a sample event of KIND (from events/samples/), checked by the handlers' own parser.

options:
  --set key=value   set a field (detail.code=StreamTakeoverLimitBreached, resources.0=ARN, time=...)
  --count N         N events, each with its own id, their times a second apart (default 1)
  --compact         one event a line (JSONL) instead of pretty-printed JSON
  --list            list the kinds
`;

/** Runs `ivs-guard generate-event`; resolves to its exit status. */
export async function runGenerateEvent(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    usage: USAGE,
    options: { set: { type: 'string', multiple: true }, list: { type: 'boolean' }, count: { type: 'string' }, compact: { type: 'boolean' } },
  });
  if (values.help || values.list) {
    const kinds = await Promise.resolve(listEventKinds());
    process.stdout.write(`${USAGE}\nKIND is one of:\n${kinds.map((k) => `  ${k}`).join('\n')}\n`);
    return 0;
  }
  const kind = positionals[0];
  if (!kind) throw new UsageError('name the KIND of event (ivs-guard generate-event --list shows them)', USAGE);
  if (positionals.length > 1) throw new UsageError(`one KIND at a time, not ${positionals.join(', ')}`, USAGE);
  const count = countOf(values.count);
  const sets = setsOf(values.set as string[] | undefined);
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let event: Record<string, unknown>;
    try {
      event = await Promise.resolve(generateEvent(kind, sets));
    } catch (error) {
      if (error instanceof GenerateEventError) throw new UsageError(error.message);
      throw error;
    }
    shiftTimes(event, i);
    out.push(values.compact ? JSON.stringify(event) : JSON.stringify(event, null, 2));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function countOf(value: unknown): number {
  if (value === undefined) return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_EVENTS) throw new UsageError(`--count takes a whole number from 1 to ${MAX_GENERATED_EVENTS}, not '${typeof value === 'string' ? value : JSON.stringify(value)}'`);
  return count;
}

function setsOf(assignments: string[] | undefined): Record<string, string> {
  const sets = Object.create(null) as Record<string, string>;
  for (const assignment of assignments ?? []) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new UsageError(`--set takes key=value, not '${assignment}'`);
    sets[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  return sets;
}

/** The n-th event of a `--count` run happens n seconds after the first: `time` and a stage event's `detail.event_time`. */
function shiftTimes(event: Record<string, unknown>, seconds: number): void {
  if (seconds === 0) return;
  const shift = (value: unknown) => {
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(at) ? value : new Date(at + seconds * 1000).toISOString().replace('.000Z', 'Z');
  };
  event.time = shift(event.time);
  const detail = event.detail;
  if (typeof detail === 'object' && detail !== null && 'event_time' in detail) (detail as Record<string, unknown>).event_time = shift((detail as Record<string, unknown>).event_time);
}
