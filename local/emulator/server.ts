/**
 * The embedded IVS emulator: an HTTP server on 127.0.0.1 that speaks the IVS and IVS real-time
 * rest-json protocols as the API models say (and a minimal EventBridge PutEvents), over a world
 * seeded from a world file. Requests signed with any credentials are accepted.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCallLog } from './call-log.ts';
import type { Answer, DispatchContext } from './dispatch.ts';
import { dispatch } from './dispatch.ts';
import { restErrorBody } from './errors.ts';
import { EVENTBRIDGE_ERROR_STATUS } from './eventbridge.ts';
import { FaultInjector, parseFaults } from './faults.ts';
import { MODELS } from './model.ts';
import { hashString, seededRandom } from './prng.ts';
import type { QuotaMode } from './quota.ts';
import { QuotaGate, quotaMultiplier } from './quota.ts';
import { createWorld } from './seed-world.ts';
import type { CallLog, CallRecord, PublishedEntry } from './types.ts';
import type { WorldFile } from './world-file.ts';
import { loadWorldFile } from './world-file.ts';
import type { EmulatorWorld } from './world.ts';

export interface EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** A world file's path (.json, .yml, .yaml) or its content. */
  world?: WorldFile | string;
  /** `real`: the documented request rates; `xN`: N times them; `off` (default): none. */
  quota?: QuotaMode;
  /** e.g. `throttle=0.3,error=0.05,latency=200,drop=0.02,lost=0.02`. */
  faults?: string;
  /** Seeds faults and the ids of created resources, so that runs repeat. Default 1. */
  seed?: number;
  /** The clock operations stamp their changes with. Default: the wall clock. */
  clock?: () => Date;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the endpoint for the SDKs and `aws --endpoint-url`. */
  url: string;
  port: number;
  world: EmulatorWorld;
  calls: CallLog;
  /** The entries PutEvents accepted, in order. */
  published: PublishedEntry[];
  /**
   * Makes the next `times` calls of `operation` answer `errorType` (after faults, before quota and
   * validation), for the errors no world state produces: AccessDeniedException, StreamUnavailable, ...
   */
  failNext(operation: string, errorType: string, times?: number): void;
  /** Makes the next `times` calls of `operation` be applied, then dropped without an answer (the `lost` fault, on demand). */
  loseNext(operation: string, times?: number): void;
  stop(): Promise<void>;
}

/** Body size past which a request is refused (EventBridge's own limit is 256 KB of entries). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Starts the emulator; rejects with a message naming the bad option or world-file path. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? 1;
  const faults = new FaultInjector(parseFaults(options.faults), seededRandom(hashString(`faults#${seed}`)));
  const multiplier = quotaMultiplier(options.quota ?? 'off');
  const file = options.world === undefined ? {} : loadWorldFile(options.world);
  const world = createWorld(file, { seed, ...(options.clock ? { clock: options.clock } : {}) });
  const calls = createCallLog();
  const published: PublishedEntry[] = [];
  const context: DispatchContext = {
    world,
    published,
    faults,
    quota: multiplier === undefined ? undefined : new QuotaGate(multiplier),
    injected: new Map(),
    lose: new Map(),
    random: seededRandom(hashString(`events#${seed}`)),
  };

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    if (body === undefined) {
      response.writeHead(413).end();
      return;
    }
    const target = request.headers['x-amz-target'];
    const answer = dispatch(context, { method: request.method ?? 'GET', url: request.url ?? '/', target: Array.isArray(target) ? target[0] : target, body });
    if (faults.spec.latencyMs > 0) await sleep(faults.spec.latencyMs);
    calls.record(callRecord(answer, world.now()));
    if (answer.kind === 'drop' || answer.kind === 'lost') {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, {
      'content-type': answer.contentType,
      'content-length': Buffer.byteLength(answer.body),
      'x-amzn-RequestId': randomUUID(),
      ...(answer.errorType ? { 'x-amzn-ErrorType': answer.errorType } : {}),
    });
    response.end(answer.body);
  };

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(restErrorBody(`Emulator failure: ${String(error)}`)));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    calls,
    published,
    failNext(operation, errorType, times = 1) {
      const models = Object.values(MODELS);
      if (!models.some((m) => operation in m.operations) && operation !== 'PutEvents') throw new Error(`failNext: the emulator serves no operation ${operation}`);
      if (!models.some((m) => m.shapes[errorType]?.error) && !(errorType in EVENTBRIDGE_ERROR_STATUS)) throw new Error(`failNext: no model has an error ${errorType}`);
      const queue = context.injected.get(operation) ?? [];
      queue.push(...Array.from({ length: times }, () => errorType));
      context.injected.set(operation, queue);
    },
    loseNext(operation, times = 1) {
      if (!Object.values(MODELS).some((m) => operation in m.operations) && operation !== 'PutEvents') throw new Error(`loseNext: the emulator serves no operation ${operation}`);
      if (!Number.isInteger(times) || times < 1) throw new Error(`loseNext: times must be a whole number ≥ 1, not ${times}`);
      context.lose?.set(operation, (context.lose.get(operation) ?? 0) + times);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or undefined past `MAX_BODY_BYTES`. Events, not `for await`: its async iterator costs more than the request. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function callRecord(answer: Answer, time: string): CallRecord {
  if (answer.kind === 'drop') return { service: answer.service, operation: answer.operation, status: 0, fault: 'drop', time };
  // The operation's own answer, which never reached the caller: the record of what the emulator did.
  if (answer.kind === 'lost') return { service: answer.service, operation: answer.operation, status: answer.status, fault: 'lost', time, ...(answer.errorType ? { errorType: answer.errorType } : {}) };
  return {
    service: answer.service,
    operation: answer.operation,
    status: answer.status,
    time,
    ...(answer.errorType ? { errorType: answer.errorType } : {}),
    ...(answer.fault ? { fault: answer.fault } : {}),
  };
}
