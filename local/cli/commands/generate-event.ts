/**
 * `ivs-guard generate-event KIND [--set key=value ...]`: prints a sample event of any IVS kind.
 */
import { generateEvent, listEventKinds } from '../../generate-event.ts';
import { parseOptions, UsageError } from '../args.ts';

export async function runGenerateEvent(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { set: { type: 'string', multiple: true }, list: { type: 'boolean' } });
  if (values.help || values.list) {
    const kinds = await Promise.resolve(listEventKinds());
    process.stdout.write(`usage: ivs-guard generate-event KIND [--set key=value ...]\n\nKIND is one of:\n${kinds.map((k) => `  ${k}`).join('\n')}\n`);
    return 0;
  }
  const kind = positionals[0];
  if (!kind) throw new UsageError('name the KIND of event (ivs-guard generate-event --list shows them)');
  const sets = Object.create(null) as Record<string, string>;
  for (const assignment of (values.set as string[] | undefined) ?? []) {
    const at = assignment.indexOf('=');
    if (at <= 0) throw new UsageError(`--set takes key=value, not '${assignment}'`);
    sets[assignment.slice(0, at)] = assignment.slice(at + 1);
  }
  const event = await Promise.resolve(generateEvent(kind, sets));
  process.stdout.write(`${JSON.stringify(event, null, 2)}\n`);
  return 0;
}
