/**
 * `ivs-guard replay [PATH ...]` (DESIGN §4).
 */
import { readEvents } from '../read-events.ts';
import { render } from '../format.ts';
import type { OutputFormat } from '../format.ts';
import { parseOptions, UsageError } from '../args.ts';
import { progressBar } from '../progress.ts';
import { replay } from '../../replay/replay.ts';
import { exitStatusOf } from '../../replay/report.ts';

const HELP = `usage: ivs-guard replay [PATH ...] [options]

PATH: a .json file (one event or an array), a .jsonl file, a directory (recursively, in name order), or - for stdin.

options:
  --policies FILE       the policy document (default policies.yml)
  --world FILE          seed the emulator: channels, stream keys, sessions, stages (JSON or YAML)
  --state DIR           keep the emulator's world and the ledger in DIR between replays (read them
                        back with 'ivs-guard history --state DIR'); a saved world wins over --world,
                        which then adds only the channels and stages the saved world lacks
  --live                use real AWS (default credential chain): actions are planned, not taken
  --apply               with --live: take the actions, recorded in the stage's ledger and audit bus
  --stage NAME          with --live: the deployed stage (default dev): ivs-guard-ledger-NAME, ivs-guard-audit-NAME
  --profile NAME        with --live: the AWS profile
  --region REGION       the AWS region (default: AWS_REGION or us-west-2)
  --endpoint-url URL    with --live: send the AWS calls there
  --output FORMAT       table (default on a terminal), json (default otherwise) or text
  --query EXPR          JMESPath over the JSON report
  --faults SPEC         emulator faults, e.g. throttle=0.3,error=0.05,latency=200,drop=0.02
  --quota MODE          emulator request quotas: real, off (default) or xN
  --moderation-source S the source of moderation requests (default ivs-guard.moderation)
`;

export async function runReplay(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    policies: { type: 'string', default: 'policies.yml' },
    world: { type: 'string' },
    state: { type: 'string' },
    live: { type: 'boolean', default: false },
    apply: { type: 'boolean', default: false },
    stage: { type: 'string' },
    profile: { type: 'string' },
    region: { type: 'string' },
    'endpoint-url': { type: 'string' },
    output: { type: 'string' },
    query: { type: 'string' },
    faults: { type: 'string' },
    quota: { type: 'string' },
    'moderation-source': { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const output = (values.output ?? (process.stdout.isTTY ? 'table' : 'json')) as string;
  if (!['table', 'json', 'text'].includes(output)) throw new UsageError(`--output must be table, json or text, not '${output}'`);
  if (values.apply && !values.live) throw new UsageError('--apply goes with --live: locally every action is taken against the emulator');
  if (values.live && (values.world || values.faults || values.quota)) throw new UsageError('--world, --faults and --quota shape the emulator; they do not go with --live');
  if (values.stage !== undefined && !values.live) throw new UsageError('--stage names a deployed stage: it goes with --live');
  if (values.live && values.state) throw new UsageError('--state keeps the emulator\'s world and the local ledger; it does not go with --live');
  if (positionals.length === 0) throw new UsageError('give at least one PATH (a file, a directory, or - for stdin)');
  if (values.live) {
    if (typeof values.profile === 'string') process.env.AWS_PROFILE = values.profile;
    if (typeof values['endpoint-url'] === 'string') process.env.AWS_ENDPOINT_URL = values['endpoint-url'];
  }

  const { events, errors } = await readEvents(positionals);
  for (const error of errors) process.stderr.write(`ivs-guard replay: ${error.origin}: ${error.message}\n`);
  const progress = progressBar(process.stderr, events.length);
  const report = await replay(events, errors, {
    policiesPath: values.policies as string,
    worldPath: values.world as string | undefined,
    stateDir: values.state as string | undefined,
    faults: values.faults as string | undefined,
    quota: values.quota as string | undefined,
    live: values.live as boolean,
    apply: values.apply as boolean,
    stage: values.stage as string | undefined,
    region: values.region as string | undefined,
    moderationSource: values['moderation-source'] as string | undefined,
    onProgress: progress.update,
  });
  progress.done();
  process.stdout.write(`${render(report, output as OutputFormat, values.query as string | undefined)}\n`);
  return exitStatusOf(report);
}
