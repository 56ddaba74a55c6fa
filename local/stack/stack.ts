/**
 * `ivs-guard stack`: the packaged stack deployed to an AWS emulator (moto) and run as Lambda would
 * run it, against the IVS emulator. See docs/stack.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { applyIvsEvent, startEmulator, type Emulator } from '../emulator/index.ts';
import { awsConfig, deleteStack, deployStack, disableEndpointMappings } from './deploy.ts';
import { prepareFunction, type FunctionRuntime, type LogLine } from './functions.ts';
import { startMoto, type MotoServer } from './moto-server.ts';
import { startPoller, type InvocationReport, type Poller } from './poller.ts';
import { readPackage, type PackagedStack } from './template.ts';

export interface StackOptions {
  /** A `serverless package` output directory; packaged afresh (in `projectDir`) when absent. */
  readonly packageDir?: string | undefined;
  readonly projectDir?: string | undefined;
  readonly stage?: string | undefined;
  readonly region?: string | undefined;
  /** An AWS endpoint to deploy to; a moto_server is started when absent. */
  readonly awsEndpoint?: string | undefined;
  /** An IVS endpoint; the IVS emulator is started (seeded with `world`) when absent. */
  readonly ivsEndpoint?: string | undefined;
  readonly world?: string | undefined;
  readonly faults?: string | undefined;
  /** Seconds before a failed record is retried; default: the queue's visibility timeout. */
  readonly retryAfterSeconds?: number | undefined;
  readonly say: (line: string) => void;
  readonly onLog?: ((line: LogLine) => void) | undefined;
  readonly onInvocation?: ((report: InvocationReport) => void) | undefined;
}

/** One queue a function reads, with its dead-letter queue. */
export interface StackQueue {
  readonly functionName: string;
  readonly name: string;
  readonly url: string;
}

/** A running stack. */
export interface RunningStack {
  readonly awsEndpoint: string;
  readonly ivsEndpoint: string;
  readonly region: string;
  readonly stackName: string;
  readonly queues: readonly StackQueue[];
  /** Every queue of the template, by name -> URL (the dead-letter queues included). */
  readonly allQueues: ReadonlyMap<string, string>;
  readonly auditBus: string;
  /** The queue `stack` subscribes to the audit bus's decisions. */
  readonly auditTailQueueUrl: string;
  readonly ledgerTables: readonly string[];
  /** The emulator this stack started (undefined with `ivsEndpoint`). */
  readonly emulator: Emulator | undefined;
  /** Batches received and not yet settled, over every mapping. */
  inFlight(): number;
  stop(): Promise<void>;
}

/** Packages (unless given a package), deploys and starts polling; `stop` tears everything down. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async (): Promise<void> => {
    for (const step of cleanups.reverse()) await Promise.resolve(step()).catch((error: unknown) => options.say(`teardown: ${(error as Error).message}`));
  };
  try {
    const workDir = mkdtempSync(join(tmpdir(), 'ivs-guard-stack-'));
    cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
    const packageDir = options.packageDir ?? (await packageProject(options.projectDir ?? process.cwd(), join(workDir, 'package'), options));
    const stack = readPackage(packageDir);
    const region = options.region ?? stack.region;
    let moto: MotoServer | undefined;
    if (!options.awsEndpoint) {
      moto = await startMoto();
      cleanups.push(() => moto?.stop());
    }
    const awsEndpoint = options.awsEndpoint ?? moto?.endpoint ?? '';
    const emulator = options.ivsEndpoint ? undefined : await startEmulator({ ...(options.world ? { world: options.world } : {}), ...(options.faults ? { faults: options.faults } : {}) });
    if (emulator) cleanups.push(() => emulator.stop());
    const ivsEndpoint = options.ivsEndpoint ?? emulator?.url ?? '';

    const resources = await deployStack(stack, awsEndpoint, options.say);
    cleanups.push(() => deleteStack(stack, resources, awsEndpoint));
    await disableEndpointMappings(awsEndpoint, region);

    const config = awsConfig(awsEndpoint, region);
    const sqs = new SQSClient(config);
    cleanups.push(() => sqs.destroy());
    const runtimes = await prepareFunctions(stack, config, workDir, awsEndpoint, ivsEndpoint, options);
    cleanups.push(() => Promise.all(runtimes.map((r) => r.stop())).then(() => undefined));

    const allQueues = new Map<string, string>();
    for (const name of stack.queues.values()) allQueues.set(name, (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '');
    const queues: StackQueue[] = [];
    const pollers: Poller[] = [];
    for (const mapping of stack.mappings) {
      const fn = runtimes.find((r) => r.logicalId === mapping.functionLogicalId);
      const name = stack.queues.get(mapping.queueLogicalId);
      const url = name === undefined ? undefined : allQueues.get(name);
      if (!fn || !name || !url) throw new Error(`event source mapping ${mapping.logicalId}: no function ${mapping.functionLogicalId} or queue ${mapping.queueLogicalId} in the stack`);
      const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      queues.push({ functionName: fn.name, name, url });
      pollers.push(startPoller({
        sqs,
        mapping,
        fn,
        queueUrl: url,
        queueArn: attributes.QueueArn ?? '',
        region,
        retryAfterSeconds: options.retryAfterSeconds,
        beforeInvoke: emulator ? (records) => records.forEach((r) => followEvent(emulator, r.body)) : undefined,
        onInvocation: options.onInvocation ?? (() => undefined),
      }));
    }
    cleanups.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));

    const auditBus = pickAuditBus(stack, runtimes.length > 0 ? await functionEnvironments(stack, config) : []);
    const auditTailQueueUrl = await subscribeAuditTail(stack, auditBus, config, sqs);
    return {
      awsEndpoint,
      ivsEndpoint,
      region,
      stackName: stack.stackName,
      queues,
      allQueues,
      auditBus,
      auditTailQueueUrl,
      ledgerTables: stack.tables,
      emulator,
      inFlight: () => pollers.reduce((n, p) => n + p.inFlight, 0),
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `serverless package` in `projectDir`, offline, into `outDir`. */
async function packageProject(projectDir: string, outDir: string, options: StackOptions): Promise<string> {
  const args = ['package', '--stage', options.stage ?? 'local', '--region', options.region ?? 'us-west-2', '--package', outDir];
  options.say(`serverless ${args.join(' ')}`);
  const bin = join(projectDir, 'node_modules', '.bin', 'serverless');
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(bin, args, { cwd: projectDir, env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_EC2_METADATA_DISABLED: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.once('error', (error) => reject(new Error(`cannot run ${bin}: ${error.message} (npm install first)`)));
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`serverless package failed (status ${String(code)}):\n${output.join('').trim()}`);
  return outDir;
}

async function functionEnvironments(stack: PackagedStack, config: ReturnType<typeof awsConfig>): Promise<Record<string, string>[]> {
  const lambda = new LambdaClient(config);
  try {
    const out: Record<string, string>[] = [];
    for (const fn of stack.functions) {
      const answer = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn.name }));
      out.push(answer.Environment?.Variables ?? {});
    }
    return out;
  } finally {
    lambda.destroy();
  }
}

async function prepareFunctions(stack: PackagedStack, config: ReturnType<typeof awsConfig>, workDir: string, aws: string, ivs: string, options: StackOptions): Promise<FunctionRuntime[]> {
  const environments = await functionEnvironments(stack, config);
  const endpoints = {
    AWS_ENDPOINT_URL_DYNAMODB: aws,
    AWS_ENDPOINT_URL_EVENTBRIDGE: aws,
    AWS_ENDPOINT_URL_SQS: aws,
    AWS_ENDPOINT_URL_IVS: ivs,
    AWS_ENDPOINT_URL_IVS_REALTIME: ivs,
  };
  return stack.functions.map((fn, i) =>
    prepareFunction(fn, { region: config.region, workDir: join(workDir, 'functions'), environment: environments[i] ?? {}, endpoints, onLog: options.onLog ?? (() => undefined) }),
  );
}

/** The event bus a function's environment names (the audit bus), else the template's first. */
function pickAuditBus(stack: PackagedStack, environments: Record<string, string>[]): string {
  const named = stack.eventBuses.find((bus) => environments.some((env) => Object.values(env).includes(bus)));
  const bus = named ?? stack.eventBuses[0];
  if (!bus) throw new Error('the template has no AWS::Events::EventBus for the decisions');
  return bus;
}

/** A queue and a rule on the audit bus that sends it every "IVS Guard Decision". */
async function subscribeAuditTail(stack: PackagedStack, bus: string, config: ReturnType<typeof awsConfig>, sqs: SQSClient): Promise<string> {
  const name = `${stack.stackName}-audit-tail`;
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
  const { Attributes: attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const events = new EventBridgeClient(config);
  try {
    await events.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify({ 'detail-type': ['IVS Guard Decision'] }) }));
    await events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [{ Id: 'audit-tail', Arn: attributes.QueueArn ?? '' }] }));
  } finally {
    events.destroy();
  }
  return url;
}

/** IVS changed itself before it sent the event: the emulated world follows it before the function runs. */
function followEvent(emulator: Emulator, body: string): void {
  try {
    applyIvsEvent(emulator.world, JSON.parse(body) as unknown);
  } catch {
    // not JSON: nothing for IVS to follow; the function rejects it
  }
}
