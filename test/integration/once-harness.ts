/**
 * What the exactly-once tests (#7) share: one emulator and one dynalite for a test file, the deployed handlers
 * loaded as separate containers (a fresh module graph each: their own SDK clients, guard and batch processor,
 * nothing shared but the emulator and dynalite), SQS deliveries of one message until it resolves, and the
 * ledger read back.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, vi } from 'vitest';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { budgetKeyOf, hourWindow } from '../../adapters/ledger-items.ts';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import type { LedgerEntry } from '../../domain/ports.ts';
import type { RunningDynalite } from '../../local/dynalite.ts';
import { startEmulator } from '../../local/emulator/index.ts';
import type { Emulator, EmulatorOptions } from '../../local/emulator/index.ts';
import { LOCAL_LEDGER_TABLE, localDynamoClient, startLocalLedger } from '../../local/local-ledger.ts';
import { applyEnvironment } from '../../local/replay/environment.ts';
import { startIvsProxy } from './fixtures/ivs-proxy.ts';
import type { IvsProxy, ProxiedCall, ProxyVerdict } from './fixtures/ivs-proxy.ts';

export type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
export type GuardFunctionName = 'stream' | 'moderation' | 'stage';

/** The emulator, dynalite and the environment the handlers read, for one test file. */
export interface OnceStack {
  emulator: Emulator;
  /** The proxy the handlers call the emulator through, when asked for. */
  proxy: IvsProxy | undefined;
  dynamo: RunningDynalite;
  policiesPath: string;
  /** Ledger rows (every status) and the hour's budget, read as the deployed ledger would. */
  ledger: ReturnType<typeof ledgerAdapter>;
  /** How many actions the budget row of `at`'s hour has charged. */
  budgetUsed(at: Date | string): Promise<number>;
  stop(): Promise<void>;
}

/** How the stack is started: the emulator's options, more environment for the handlers, a proxy in front of the emulator. */
export interface OnceStackOptions {
  emulator?: EmulatorOptions;
  env?: Record<string, string>;
  /** Puts a proxy (fixtures/ivs-proxy.ts) between the handlers and the emulator, ruling each call. */
  proxy?: (call: ProxiedCall) => ProxyVerdict;
}

/** Starts the emulator and dynalite, and points the handlers at them (through the proxy, if asked) under `policiesYaml`. */
export async function startOnceStack(policiesYaml: string, options: OnceStackOptions = {}): Promise<OnceStack> {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-once-'));
  const policiesPath = join(dir, 'policies.yml');
  writeFileSync(policiesPath, policiesYaml);
  const emulator = await startEmulator(options.emulator ?? {});
  const proxy = options.proxy ? await startIvsProxy(emulator.url, options.proxy) : undefined;
  const dynamo = await startLocalLedger();
  const restore = applyEnvironment({ ivs: proxy?.url ?? emulator.url, dynamodb: dynamo.url }, { policiesPath, region: 'us-west-2' });
  const env = options.env ?? {};
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const client = localDynamoClient(dynamo.url);
  const doc = DynamoDBDocumentClient.from(client);
  return {
    emulator,
    proxy,
    dynamo,
    policiesPath,
    ledger: ledgerAdapter(client, { tableName: LOCAL_LEDGER_TABLE }),
    async budgetUsed(at) {
      const window = hourWindow(new Date(at));
      const { Item } = await doc.send(new GetCommand({ TableName: LOCAL_LEDGER_TABLE, Key: budgetKeyOf(window), ConsistentRead: true }));
      return typeof Item?.used === 'number' ? Item.used : 0;
    },
    async stop() {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      restore();
      client.destroy();
      await proxy?.stop();
      await emulator.stop();
      await dynamo.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The deployed handler of `fn` in a container of its own: the module registry is reset first, so the handler,
 * its SDK clients (adapters/clients.ts), its guard and its Powertools instances are all new.
 */
export async function freshContainer(fn: GuardFunctionName): Promise<Handler> {
  vi.resetModules();
  const loaded = fn === 'stream' ? await import('../../handlers/stream.ts') : fn === 'moderation' ? await import('../../handlers/moderation.ts') : await import('../../handlers/stage.ts');
  return loaded.handler;
}

/** What a test file of concurrent copies runs on: one stack, and `count` containers of one function. */
export interface CopiesSetup {
  stack: OnceStack;
  containers: Handler[];
}

/**
 * Starts, before the file's tests, one stack with `policiesYaml` and `count` separate containers of `fn`, and stops
 * the stack after them. The returned object is filled in once `beforeAll` has run.
 */
export function copiesOnOneStack(policiesYaml: string, fn: GuardFunctionName, count: number): CopiesSetup {
  const setup = { containers: [] } as unknown as CopiesSetup;
  beforeAll(async () => {
    setup.stack = await startOnceStack(policiesYaml);
    for (let i = 0; i < count; i += 1) setup.containers.push(await freshContainer(fn));
  });
  afterAll(async () => {
    await setup.stack?.stop();
  });
  return setup;
}

/** A Lambda context for an invocation of `fn`. */
export function lambdaContext(fn: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `ivs-guard-once-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-west-2:123456789012:function:ivs-guard-once-${fn}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/ivs-guard-once-${fn}`,
    logStreamName: 'once',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** One SQS message (the same `messageId` on every copy and every receive, as SQS keeps it), its `receiveCount`-th receive. */
export function sqsMessage(messageId: string, body: unknown, receiveCount: number): SQSEvent {
  const sent = '1763665800000';
  return {
    Records: [
      {
        messageId,
        receiptHandle: `${messageId}-${receiveCount}-${Math.random().toString(36).slice(2)}`,
        body: typeof body === 'string' ? body : JSON.stringify(body),
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: sent, SenderId: 'events.amazonaws.com', ApproximateFirstReceiveTimestamp: sent },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:ivs-guard-once',
        awsRegion: 'us-west-2',
      },
    ],
  };
}

/**
 * Delivers one message to several containers at the same instant, as SQS may hand one message to several; the
 * copies a container reports failed (busy, or a transient error) are delivered again, together, once every copy of
 * the round has returned (SQS's visibility timeout is longer than a function runs), up to `maxReceives` rounds.
 * Resolves with how many receives each copy took; rejects if a copy never resolved.
 */
export async function deliverCopies(handlers: readonly Handler[], fn: string, messageId: string, body: unknown, maxReceives = 10): Promise<number[]> {
  const receives = handlers.map(() => 0);
  let due = handlers.map((_, index) => index);
  for (let receive = 1; due.length > 0; receive += 1) {
    if (receive > maxReceives) throw new Error(`message ${messageId} to ${fn} was still failing in ${due.length} container(s) after ${maxReceives} receives`);
    const responses = await Promise.all(due.map((index) => handlers[index]!(sqsMessage(messageId, body, receive), lambdaContext(fn, `${messageId}-${index}-${receive}`))));
    for (const index of due) receives[index] = receive;
    due = due.filter((_, position) => (responses[position]?.batchItemFailures.length ?? 0) > 0);
  }
  return receives;
}

/** Delivers one message to one container until it resolves (see `deliverCopies`). */
export async function deliverUntilResolved(handler: Handler, fn: string, messageId: string, body: unknown, maxReceives = 10): Promise<number> {
  const [receives] = await deliverCopies([handler], fn, messageId, body, maxReceives);
  return receives ?? 0;
}

/** The ledger rows of `eventId` on `channelArn` (from the channel's index, as `history --channel` reads them), by action key. */
export async function rowsOf(stack: OnceStack, channelArn: string, eventId: string): Promise<LedgerEntry[]> {
  const rows = await stack.ledger.history({ channelArn, limit: 1000 });
  return rows.filter((row) => row.eventId === eventId).sort((a, b) => a.actionKey.localeCompare(b.actionKey));
}

/** The decisions the emulator's EventBridge accepted for `eventId`, as published. */
export function publishedFor(emulator: Emulator, eventId: string): Array<{ policy: string; actions: Array<{ type: string; status: string; reason?: string }> }> {
  return emulator.published
    .map((entry) => JSON.parse(entry.Detail) as { eventId: string; policy: string; actions: Array<{ type: string; status: string; reason?: string }> })
    .filter((detail) => detail.eventId === eventId);
}

/** A stream id as IVS writes them (`st-` and 23 letters or digits), different for each `n`. */
export function streamIdOf(n: number): string {
  return `st-${String(n).padStart(23, '0')}`;
}

/** A channel ARN different for each `tag` and `n`. */
export function channelOf(tag: string, n: number): string {
  return `arn:aws:ivs:us-west-2:123456789012:channel/${tag}${String(n).padStart(12 - tag.length, '0')}`;
}

/** Trial `n`'s hour (each trial in an hour of its own, so the hour's budget row counts that trial's actions only) and times in it. */
export function trialHour(n: number): { hour: Date; at: (minutes: number) => string } {
  const hour = new Date(Date.UTC(2026, 10, 1) + n * 3_600_000);
  return { hour, at: (minutes) => new Date(hour.getTime() + minutes * 60_000).toISOString() };
}

/** What differs between each check's actual and expected value (compared as JSON), each line prefixed with `what`. */
export function differences(what: string, checks: Array<[name: string, actual: unknown, expected: unknown]>): string[] {
  return checks.flatMap(([name, actual, expected]) =>
    JSON.stringify(actual) === JSON.stringify(expected) ? [] : [`${what}: ${name}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`],
  );
}
