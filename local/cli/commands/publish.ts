/**
 * `ivs-guard publish [PATH ...] --endpoint-url URL`: puts events from files on an event bus, as IVS does.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { parseOptions, UsageError } from '../args.ts';
import { readEvents } from '../read-events.ts';
import { publishEvents } from '../../stack/publish.ts';

const HELP = `usage: ivs-guard publish [PATH ...] [--endpoint-url URL] [--bus NAME] [--region REGION] [--profile NAME]

Puts the events of each PATH (.json, .jsonl, a directory, or - for standard input) on the event
bus (default: the default bus) with PutEvents, 10 entries a call, keeping source, detail-type,
resources, detail and time. --endpoint-url names an AWS endpoint such as the one 'ivs-guard stack'
prints; without it the default credential chain and real AWS are used.
`;

/** Runs the command; 0 when every event was put, 1 when some were not. */
export async function runPublish(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    usage: HELP,
    options: {
      'endpoint-url': { type: 'string' },
      bus: { type: 'string', default: 'default' },
      region: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('publish needs at least one PATH (a .json or .jsonl file, a directory, or -)');
  const endpoint = values['endpoint-url'] as string | undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) throw new UsageError(`--endpoint-url must be an http(s) URL, not '${endpoint}'`);
  const { events, errors } = await readEvents(positionals);
  for (const error of errors) process.stderr.write(`ivs-guard publish: ${error.origin}: ${error.message}\n`);
  const region = (values.region as string | undefined) ?? process.env.AWS_REGION ?? (endpoint ? 'us-west-2' : undefined);
  const client = new EventBridgeClient({
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'AKIDIVSGUARDSTACK', secretAccessKey: 'ivs-guard-stack-secret' } } : {}),
    ...(region ? { region } : {}),
    ...(values.profile ? { profile: values.profile as string } : {}),
  });
  try {
    const { put, failures } = await publishEvents(client, events, values.bus as string);
    for (const failure of failures) process.stderr.write(`ivs-guard publish: ${failure.origin}: not put: ${failure.reason}\n`);
    process.stdout.write(`${put} event(s) put on ${String(values.bus)}${failures.length + errors.length > 0 ? `, ${failures.length + errors.length} not` : ''}\n`);
    return failures.length + errors.length > 0 ? 1 : 0;
  } finally {
    client.destroy();
  }
}
