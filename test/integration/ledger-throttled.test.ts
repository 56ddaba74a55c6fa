/**
 * The DynamoDB ledger adapter when DynamoDB throttles: through a proxy in front of dynalite that answers chosen
 * requests with DynamoDB's own ProvisionedThroughputExceededException, so the real SDK client parses, retries
 * and gives up as it would in Lambda. A throttled call is a transient error naming the call (SQS retries the
 * record), and a reservation that fails half-way takes nothing: no cooldown held, no budget unit spent.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ledgerAdapter } from '../../adapters/ledger.ts';
import { budgetKeyOf, cooldownKeyOf } from '../../adapters/ledger-items.ts';
import { GuardError } from '../../domain/errors.ts';
import type { LedgerPort } from '../../domain/ports.ts';
import { CHANNEL_A, entry, LedgerHarness, reservation } from './ledger-harness.ts';

const NOW = '2026-11-20T19:10:00.000Z';

/** Which requests the proxy throttles: a DynamoDB operation, on rows whose `pk` starts with `rowKind#`. */
interface Throttle {
  operation: 'PutItem' | 'UpdateItem' | 'GetItem' | 'DeleteItem';
  rowKind: 'action' | 'cooldown' | 'budget';
  /** How many such requests to throttle (default: all while it is set). */
  times?: number;
}

/** Forwards to dynalite, except the requests `throttle` names, which it answers as a throttled DynamoDB does; counts those. */
class ThrottlingProxy {
  throttle: Throttle | undefined;
  throttled = 0;
  private constructor(
    private readonly server: Server,
    private readonly target: URL,
  ) {}

  static async start(target: string): Promise<ThrottlingProxy> {
    const proxy: ThrottlingProxy = new ThrottlingProxy(createServer((req, res) => void proxy.handle(req, res)), new URL(target));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (this.matches(String(req.headers['x-amz-target'] ?? ''), body.toString('utf8'))) {
      this.throttled += 1;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `throttled-${this.throttled}` });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'The level of configured provisioned throughput for the table was exceeded.' }));
      return;
    }
    const forward = request({ host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 500, answer.headers);
      answer.pipe(res);
    });
    forward.end(body);
  }

  private matches(target: string, body: string): boolean {
    if (this.throttle === undefined || target !== `DynamoDB_20120810.${this.throttle.operation}`) return false;
    if (this.throttled >= (this.throttle.times ?? Infinity)) return false;
    const { Key, Item } = JSON.parse(body) as { Key?: { pk?: { S?: string } }; Item?: { pk?: { S?: string } } };
    return (Key ?? Item)?.pk?.S?.startsWith(`${this.throttle.rowKind}#`) === true;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let harness: LedgerHarness;
let proxy: ThrottlingProxy;
const clients: DynamoDBClient[] = [];
beforeAll(async () => {
  harness = await LedgerHarness.start();
  proxy = await ThrottlingProxy.start(harness.db.url);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await proxy.stop();
  await harness.stop();
});
beforeEach(() => {
  proxy.throttle = undefined;
  proxy.throttled = 0;
});

/** A ledger on a fresh table, through the proxy, with the SDK's standard retries (3 attempts). */
async function throttledLedger(): Promise<{ ledger: LedgerPort; tableName: string }> {
  const tableName = await harness.table();
  const client = new DynamoDBClient({ endpoint: proxy.url, region: 'us-west-2', maxAttempts: 3, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  clients.push(client);
  return { ledger: ledgerAdapter(client, { tableName }), tableName };
}

describe('the ledger adapter under DynamoDB throttling', () => {
  it('a reservation whose budget write is throttled fails transient, naming the call, and gives its cooldown back', async () => {
    const { ledger, tableName } = await throttledLedger();
    proxy.throttle = { operation: 'UpdateItem', rowKind: 'budget' };
    const error = await ledger.reserve(reservation('ev-1', NOW)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect(error).toMatchObject({ errorClass: 'transient', code: 'ProvisionedThroughputExceededException' });
    expect((error as Error).message).toMatch(/^DynamoDB UpdateItem \(ledger budget\) failed: ProvisionedThroughputExceededException \(HTTP 400, request id throttled-3\)$/);
    expect(proxy.throttled).toBe(3);
    expect(await harness.row(tableName, cooldownKeyOf('stopStream', CHANNEL_A))).toBeUndefined();
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toBeUndefined();

    proxy.throttle = undefined;
    expect(await ledger.reserve(reservation('ev-2', NOW))).toEqual({ ok: true });
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toMatchObject({ used: 1 });
  });

  it('a reservation whose cooldown write is throttled fails transient and spends no budget', async () => {
    const { ledger, tableName } = await throttledLedger();
    proxy.throttle = { operation: 'PutItem', rowKind: 'cooldown' };
    await expect(ledger.reserve(reservation('ev-1', NOW))).rejects.toMatchObject({
      errorClass: 'transient',
      code: 'ProvisionedThroughputExceededException',
      message: expect.stringMatching(/^DynamoDB PutItem \(ledger cooldown\) failed: /),
    });
    expect(proxy.throttled).toBe(3);
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toBeUndefined();
    expect(await harness.row(tableName, cooldownKeyOf('stopStream', CHANNEL_A))).toBeUndefined();
  });

  it('a throttled finishAction fails transient and leaves the action pending, so the retry begins it again', async () => {
    const { ledger } = await throttledLedger();
    const begun = entry('ev-1#stream-key-leak#0', { at: NOW });
    expect(await ledger.beginAction(begun)).toEqual({ kind: 'begin' });
    proxy.throttle = { operation: 'PutItem', rowKind: 'action' };
    await expect(ledger.finishAction({ ...begun, status: 'applied', reason: 'stream stopped' })).rejects.toMatchObject({
      errorClass: 'transient',
      message: expect.stringMatching(/^DynamoDB PutItem \(ledger action\) failed: ProvisionedThroughputExceededException/),
    });
    proxy.throttle = undefined;
    expect(await ledger.beginAction(begun)).toEqual({ kind: 'begin' });
    expect(await ledger.history({ channelArn: CHANNEL_A })).toEqual([{ ...begun, status: 'pending' }]);
  });

  it('a throttled call that succeeds on the SDK\'s retry is no error at all', async () => {
    const { ledger, tableName } = await throttledLedger();
    proxy.throttle = { operation: 'UpdateItem', rowKind: 'budget', times: 2 };
    expect(await ledger.reserve(reservation('ev-1', NOW))).toEqual({ ok: true });
    expect(proxy.throttled).toBe(2);
    expect(await harness.row(tableName, budgetKeyOf('2026-11-20T19'))).toMatchObject({ used: 1 });
    expect(await harness.row(tableName, cooldownKeyOf('stopStream', CHANNEL_A))).toMatchObject({ eventId: 'ev-1' });
  });
});
