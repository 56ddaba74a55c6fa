/**
 * Differential check of the local EventBridge pattern matcher against moto.
 *
 *   npx tsx scripts/check-patterns-against-moto.ts [--seed N] [--pairs N] [--verbose]
 *
 * Starts `moto_server` on 127.0.0.1 (a free port, loopback only), builds a deterministic corpus of
 * pattern/event pairs covering every operator, asks moto whether each pair matches, compares with
 * `matchesPattern`, prints one summary line, stops moto, and exits 1 on any disagreement that no
 * class in `local/eventbridge/known-moto-differences.ts` explains (the user guide decides those),
 * 2 on a usage error, 3 when moto cannot be started (no Python with moto: set MOTO_PYTHON).
 *
 * How moto is asked: `TestEventPattern` when moto answers it. moto 5.2.x answers it with an empty
 * body (its handler is a stub), so the check then asks moto's rule engine the way EventBridge
 * delivers: a rule with the pattern on an event bus of its own, an SQS queue as its target,
 * `PutEvents` with the events, and the queue tells which were delivered. Both paths run moto's
 * own `EventPattern.matches_event`. Every request goes to 127.0.0.1 and is bounded (timeouts, a
 * fixed number of receives, a deadline for the whole run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { freeLoopbackPort, MOTO_SERVER_BOOTSTRAP } from '../local/stack/moto-server.ts';
import { explainMotoDifference, KNOWN_MOTO_DIFFERENCES } from '../local/eventbridge/known-moto-differences.ts';
import { matchesPattern } from '../local/eventbridge/pattern.ts';
import { buildCorpus, corpusEnvelope, CORPUS_REGION, type CorpusCase, type CorpusEvent } from '../local/eventbridge/pattern-corpus.ts';

const DEFAULT_SEED = 20261122;
const DEFAULT_PAIRS = 1200;
const READY_TIMEOUT_MS = 30_000;
const RUN_DEADLINE_MS = 110_000;
const REQUEST_TIMEOUT_MS = 10_000;
const MAX_EVENTS_PER_PUT = 10;
const MAX_RECEIVES_PER_ASK = 5;
/** Cases asked in one PutEvents call, each on its own event bus. */
const LANES = 2;
const FIXED_TIME = '2026-11-20T19:00:00Z';
const RULE = 'pattern-check';
const PROBE_FAMILY = 'known-moto-difference';

interface Options {
  readonly seed: number;
  readonly pairs: number;
  readonly verbose: boolean;
}

/** Asks moto whether each event of each case matches the case's pattern. */
interface Oracle {
  readonly via: string;
  /** How many cases one `ask` takes. */
  readonly casesPerAsk: number;
  ask(cases: readonly CorpusCase[]): Promise<boolean[][]>;
}

interface Disagreement {
  readonly caseId: string;
  readonly pattern: unknown;
  readonly event: unknown;
  readonly ours: boolean;
  readonly moto: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, pairs: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const pairs = Number(values.pairs ?? DEFAULT_PAIRS);
  if (!Number.isInteger(seed) || !Number.isInteger(pairs) || pairs < 1 || pairs > 5000) {
    throw new Error('usage: check-patterns-against-moto.ts [--seed INTEGER] [--pairs 1..5000] [--verbose]');
  }
  return { seed, pairs, verbose: values.verbose };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** moto cannot be started here: no Python, or no moto in it. The check exits 3, not 1. */
class MotoUnavailableError extends Error {
  override readonly name = 'MotoUnavailableError';
}

/** The moto server this script started, and the tail of what it printed (for error reports). */
class MotoServer {
  private readonly output: string[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    readonly endpoint: string,
  ) {
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString('utf8'));
      if (this.output.length > 50) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', () => {
      this.exited = true;
    });
  }

  static async start(): Promise<MotoServer> {
    const port = await freeLoopbackPort();
    const python = process.env.MOTO_PYTHON ?? 'python3';
    const child = spawn(python, ['-c', MOTO_SERVER_BOOTSTRAP, '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new MotoUnavailableError(`cannot run ${python} (set MOTO_PYTHON to a Python with moto[server]): ${error.message}`)));
    });
    await spawned;
    const server = new MotoServer(child, `http://127.0.0.1:${port}`);
    try {
      await server.waitReady();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited) {
        const output = this.tail();
        if (/No module named '?moto/.test(output)) throw new MotoUnavailableError(`moto is not installed for this Python (set MOTO_PYTHON):\n${output}`);
        throw new Error(`moto_server exited while starting:\n${output}`);
      }
      try {
        const response = await fetch(`${this.endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`moto_server did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
  }

  tail(): string {
    return this.output.join('').split('\n').slice(-15).join('\n');
  }

  /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!stopped) this.child.kill('SIGKILL');
  }
}

/** What both SDK clients are built with: moto's endpoint, dummy credentials, short timeouts. */
interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly maxAttempts: number;
  readonly requestHandler: { readonly requestTimeout: number; readonly connectionTimeout: number };
}

function clientConfig(endpoint: string): LocalClientConfig {
  return {
    endpoint,
    region: CORPUS_REGION,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 2,
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 2_000 },
  };
}

function envelopeFor(event: CorpusEvent, index: number): Record<string, unknown> {
  return corpusEnvelope(event, `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, FIXED_TIME);
}

/** Asks `TestEventPattern`; undefined when moto does not give a yes or no. */
async function askTestEventPattern(events: EventBridgeClient, pattern: unknown, envelope: unknown): Promise<boolean | undefined> {
  try {
    const answer = await events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: JSON.stringify(envelope) }));
    return typeof answer.Result === 'boolean' ? answer.Result : undefined;
  } catch {
    return undefined;
  }
}

function testEventPatternOracle(events: EventBridgeClient): Oracle {
  return {
    via: 'TestEventPattern',
    casesPerAsk: 1,
    async ask(cases) {
      const verdicts: boolean[][] = [];
      for (const testCase of cases) {
        const caseVerdicts: boolean[] = [];
        for (const [index, event] of testCase.events.entries()) {
          const verdict = await askTestEventPattern(events, testCase.pattern, envelopeFor(event, index));
          if (verdict === undefined) throw new Error(`TestEventPattern gave no answer for case ${testCase.id}`);
          caseVerdicts.push(verdict);
        }
        verdicts.push(caseVerdicts);
      }
      return verdicts;
    },
  };
}

/**
 * Asks moto's rule engine the way events are delivered. Each lane is an event bus holding one rule
 * whose target is the shared queue; asking re-puts each lane's rule with a case's pattern (PutRule
 * keeps the targets), sends all the cases' events in one PutEvents, and reads which were delivered.
 */
async function deliveryOracle(events: EventBridgeClient, sqs: SQSClient): Promise<Oracle> {
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'pattern-check' }));
  const queueUrl = queue.QueueUrl;
  if (queueUrl === undefined) throw new Error('CreateQueue returned no QueueUrl');
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = attributes.Attributes?.QueueArn;
  if (queueArn === undefined) throw new Error('GetQueueAttributes returned no QueueArn');
  const buses: string[] = [];
  for (let lane = 0; lane < LANES; lane += 1) {
    const bus = `pattern-check-${lane}`;
    await events.send(new CreateEventBusCommand({ Name: bus }));
    await events.send(new PutRuleCommand({ Name: RULE, EventBusName: bus, EventPattern: '{"source":["pattern-check.none"]}' }));
    await events.send(new PutTargetsCommand({ Rule: RULE, EventBusName: bus, Targets: [{ Id: 'queue', Arn: queueArn }] }));
    buses.push(bus);
  }

  const receiveDelivered = async (): Promise<Set<string>> => {
    const delivered = new Set<string>();
    for (let receive = 0; receive < MAX_RECEIVES_PER_ASK; receive += 1) {
      const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }));
      const messages = batch.Messages ?? [];
      for (const message of messages) {
        const body: unknown = JSON.parse(message.Body ?? '{}');
        if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string') delivered.add(body.id);
      }
      // Deleting keeps the queue empty: moto's ReceiveMessage walks every message the queue holds.
      const handles = messages.flatMap((message) => (message.ReceiptHandle === undefined ? [] : [message.ReceiptHandle]));
      if (handles.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: handles.map((handle, index) => ({ Id: String(index), ReceiptHandle: handle })) }));
      }
      // moto delivers during PutEvents, so a batch short of the maximum means the queue is drained.
      if (messages.length < 10) return delivered;
    }
    throw new Error(`the queue still had messages after ${MAX_RECEIVES_PER_ASK} receives`);
  };

  const ask = async (cases: readonly CorpusCase[]): Promise<boolean[][]> => {
    const entries = cases.flatMap((testCase, lane) => {
      const bus = buses[lane];
      if (bus === undefined) throw new Error(`more cases than the ${LANES} lanes`);
      return testCase.events.map((event) => ({
        EventBusName: bus,
        Source: event.source,
        DetailType: event.detailType,
        Resources: [...event.resources],
        Detail: JSON.stringify(event.detail),
      }));
    });
    if (entries.length > MAX_EVENTS_PER_PUT) throw new Error(`more than ${MAX_EVENTS_PER_PUT} events in one PutEvents`);
    for (const [lane, testCase] of cases.entries()) {
      const bus = buses[lane];
      if (bus === undefined) throw new Error(`more cases than the ${LANES} lanes`);
      await events.send(new PutRuleCommand({ Name: RULE, EventBusName: bus, EventPattern: JSON.stringify(testCase.pattern), State: 'ENABLED' }));
    }
    const put = await events.send(new PutEventsCommand({ Entries: entries }));
    const ids = (put.Entries ?? []).map((entry) => entry.EventId);
    if (ids.length !== entries.length || ids.some((id) => id === undefined)) {
      throw new Error(`PutEvents refused an event of ${cases.map((testCase) => testCase.id).join(', ')}: ${JSON.stringify(put.Entries)}`);
    }
    const delivered = await receiveDelivered();
    let offset = 0;
    return cases.map((testCase) => {
      const caseIds = ids.slice(offset, offset + testCase.events.length);
      offset += testCase.events.length;
      return caseIds.map((id) => id !== undefined && delivered.has(id));
    });
  };
  return { via: 'PutRule+PutEvents+SQS (moto answers TestEventPattern with an empty body)', casesPerAsk: LANES, ask };
}

async function chooseOracle(events: EventBridgeClient, sqs: SQSClient): Promise<Oracle> {
  const probe = { version: '0', id: '1', 'detail-type': 'Probe', source: 'check.probe', account: '123456789012', time: FIXED_TIME, region: CORPUS_REGION, resources: [], detail: { n: 1 } };
  const answer = await askTestEventPattern(events, { source: ['check.probe'] }, probe);
  return answer === true ? testEventPatternOracle(events) : deliveryOracle(events, sqs);
}

/** One case per known class, its documented example: shows every run that moto still differs there. */
function knownDifferenceProbes(): CorpusCase[] {
  return KNOWN_MOTO_DIFFERENCES.map((difference) => ({
    id: `probe-${difference.id}`,
    family: PROBE_FAMILY,
    pattern: difference.example.pattern,
    events: [{ source: 'check.probe', detailType: 'Probe', resources: [], detail: difference.example.detail }],
  }));
}

/** moto's verdicts for every case, within the run's deadline. */
async function askAll(oracle: Oracle, corpus: readonly CorpusCase[], started: number): Promise<boolean[][]> {
  const verdicts: boolean[][] = [];
  for (let next = 0; next < corpus.length; next += oracle.casesPerAsk) {
    if (Date.now() - started > RUN_DEADLINE_MS) throw new Error(`stopped after ${RUN_DEADLINE_MS / 1000} s with ${next} of ${corpus.length} patterns asked`);
    verdicts.push(...(await oracle.ask(corpus.slice(next, next + oracle.casesPerAsk))));
  }
  return verdicts;
}

function describeDisagreement(disagreement: Disagreement): string {
  return `  case ${disagreement.caseId}: local ${String(disagreement.ours)}, moto ${String(disagreement.moto)}\n    pattern ${JSON.stringify(disagreement.pattern)}\n    event   ${JSON.stringify(disagreement.event)}`;
}

async function run(options: Options, moto: MotoServer): Promise<number> {
  const started = Date.now();
  const events = new EventBridgeClient(clientConfig(moto.endpoint));
  const sqs = new SQSClient(clientConfig(moto.endpoint));
  const oracle = await chooseOracle(events, sqs);
  const corpus = [...knownDifferenceProbes(), ...buildCorpus(options.seed, options.pairs)];
  const verdicts = await askAll(oracle, corpus, started);

  let pairs = 0;
  let agree = 0;
  let matched = 0;
  const known = new Map<string, Disagreement[]>();
  const unexplained: Disagreement[] = [];
  const agreedProbes: string[] = [];
  for (const [caseIndex, testCase] of corpus.entries()) {
    testCase.events.forEach((event, index) => {
      const envelope = envelopeFor(event, index);
      const ours = matchesPattern(testCase.pattern, envelope);
      const theirs = verdicts[caseIndex]?.[index];
      if (theirs === undefined) throw new Error(`moto gave no verdict for case ${testCase.id} event ${index}`);
      pairs += 1;
      if (ours) matched += 1;
      if (ours === theirs) {
        agree += 1;
        if (testCase.family === PROBE_FAMILY) agreedProbes.push(testCase.id);
        return;
      }
      const disagreement = { caseId: testCase.id, pattern: testCase.pattern, event: envelope, ours, moto: theirs };
      const explanation = explainMotoDifference(testCase.pattern, envelope);
      if (explanation === undefined) unexplained.push(disagreement);
      else known.set(explanation.id, [...(known.get(explanation.id) ?? []), disagreement]);
    });
  }

  const knownCount = [...known.values()].reduce((sum, list) => sum + list.length, 0);
  console.log(`moto asked via ${oracle.via}; seed ${options.seed}; ${corpus.length} patterns; ${matched} pairs match locally; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [id, list] of known) {
    console.log(`known disagreement ${id}: ${list.length}`);
    if (options.verbose) for (const item of list.slice(0, 3)) console.log(describeDisagreement(item));
  }
  for (const probe of agreedProbes) console.log(`note: moto now agrees with the documentation on ${probe}; that known class may be dropped`);
  for (const item of unexplained.slice(0, 20)) console.log(`UNEXPLAINED\n${describeDisagreement(item)}`);
  console.log(`pattern check: ${pairs} pairs, ${agree} agree, ${knownCount} known disagreements, ${unexplained.length} unexplained`);
  return unexplained.length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  let moto: MotoServer;
  try {
    moto = await MotoServer.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof MotoUnavailableError ? `pattern check unavailable: ${message}` : `pattern check failed: ${message}`);
    return error instanceof MotoUnavailableError ? 3 : 1;
  }
  const stopOnSignal = (): void => {
    void moto.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await run(options, moto);
  } catch (error) {
    console.error(`pattern check failed: ${error instanceof Error ? error.message : String(error)}\n${moto.tail()}`);
    return 1;
  } finally {
    await moto.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`pattern check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
