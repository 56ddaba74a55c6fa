/**
 * `ivs-guard stack`: packages, deploys to moto and runs the bundled functions as Lambda would,
 * until Ctrl-C (docs/stack.md).
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseOptions, UsageError } from '../args.ts';
import { awsConfig } from '../../stack/deploy.ts';
import { startStack } from '../../stack/stack.ts';

const HELP = `usage: ivs-guard stack [--package DIR] [--stage NAME] [--region REGION] [--aws-endpoint URL]
                        [--ivs-endpoint URL] [--world FILE] [--faults SPEC] [--retry-after SECONDS]
                        [--tail] [--logs]

Packages the stack (serverless package; or uses --package DIR), starts moto_server on 127.0.0.1
(or deploys to --aws-endpoint) and the IVS emulator (or uses --ivs-endpoint), deploys the
template with CloudFormation, and runs each function from its packaged zip, polling its queue as
the template's event source mapping says. Prints the endpoints, buses, queues and the ledger
table; Ctrl-C tears it all down.

  --tail               print each "IVS Guard Decision" on the audit bus as it arrives
  --logs               print the functions' logs (prefixed with the function's name)
  --retry-after N      seconds before a failed record is retried (default: the queue's visibility timeout)
`;

/** Runs until SIGINT or SIGTERM. */
export async function runStack(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    usage: HELP,
    allowPositionals: false,
    options: {
      package: { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      'aws-endpoint': { type: 'string' },
      'ivs-endpoint': { type: 'string' },
      world: { type: 'string' },
      faults: { type: 'string' },
      'retry-after': { type: 'string' },
      tail: { type: 'boolean', default: false },
      logs: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  for (const name of ['aws-endpoint', 'ivs-endpoint']) {
    const url = values[name];
    if (typeof url === 'string' && !/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--${name} must be an http(s) URL, not '${url}'`);
  }
  const retry = values['retry-after'] === undefined ? undefined : Number(values['retry-after']);
  if (retry !== undefined && (!Number.isInteger(retry) || retry < 0 || retry > 43_200)) throw new UsageError(`--retry-after must be whole seconds from 0 to 43200, not '${String(values['retry-after'])}'`);
  if (values.world !== undefined && values['ivs-endpoint'] !== undefined) throw new UsageError('--world seeds the IVS emulator the stack starts; it does not go with --ivs-endpoint');

  const say = (line: string): void => void process.stderr.write(`${line}\n`);
  const stack = await startStack({
    packageDir: values.package as string | undefined,
    stage: values.stage as string | undefined,
    region: values.region as string | undefined,
    awsEndpoint: values['aws-endpoint'] as string | undefined,
    ivsEndpoint: values['ivs-endpoint'] as string | undefined,
    world: values.world as string | undefined,
    faults: values.faults as string | undefined,
    retryAfterSeconds: retry,
    say,
    onLog: values.logs ? ({ functionName, line }) => say(`[${functionName}] ${line}`) : undefined,
    onInvocation: (r) => say(`${r.functionName}: ${r.records} record(s), ${r.failed} failed${r.error ? ` (${r.error})` : ''}`),
  });
  const table = stack.ledgerTables.join(', ');
  process.stdout.write([
    `stack ${stack.stackName} is running (Ctrl-C to stop and tear it down)`,
    `  AWS endpoint   ${stack.awsEndpoint}   (moto: CloudFormation, S3, EventBridge, SQS, DynamoDB)`,
    `  IVS endpoint   ${stack.ivsEndpoint}`,
    `  default bus    default`,
    ...stack.queues.map((q) => `  queue          ${q.name} -> ${q.functionName}`),
    `  audit bus      ${stack.auditBus}   (decisions also go to ${stack.auditTailQueueUrl})`,
    `  ledger table   ${table}`,
    '',
    `  npx ivs-guard publish events/scenarios --endpoint-url ${stack.awsEndpoint}`,
    `  npx ivs-guard history --live --endpoint-url ${stack.awsEndpoint} --table ${stack.ledgerTables[0] ?? ''} --region ${stack.region}`,
    '',
  ].join('\n'));
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      stopping = true;
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const tail = values.tail ? tailDecisions(stack.auditTailQueueUrl, stack.awsEndpoint, stack.region, () => stopping) : Promise.resolve();
  await stopped;
  await tail;
  say('tearing the stack down');
  await stack.stop();
  return 0;
}

/** Prints one line for each decision the audit-tail queue receives. */
async function tailDecisions(queueUrl: string, endpoint: string, region: string, stopping: () => boolean): Promise<void> {
  const sqs = new SQSClient(awsConfig(endpoint, region));
  try {
    while (!stopping()) {
      const { Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of messages) process.stdout.write(`${decisionLine(message.Body ?? '')}\n`);
      if (messages.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })) }));
      }
    }
  } finally {
    sqs.destroy();
  }
}

/** `time policy (mode) on event: action status, ...` from one "IVS Guard Decision" event. */
export function decisionLine(body: string): string {
  try {
    const event = JSON.parse(body) as { time?: string; detail?: { policy?: string; mode?: string; eventName?: string; channelArn?: string; actions?: { type?: string; status?: string }[] } };
    const d = event.detail ?? {};
    const actions = (d.actions ?? []).map((a) => `${a.type ?? '?'} ${a.status ?? '?'}`).join(', ');
    return `${event.time ?? ''} decision ${d.policy ?? '?'} (${d.mode ?? '?'}) on ${d.eventName ?? '?'}${d.channelArn ? ` ${d.channelArn}` : ''}: ${actions || 'no action'}`;
  } catch {
    return `decision (unreadable): ${body.slice(0, 200)}`;
  }
}
