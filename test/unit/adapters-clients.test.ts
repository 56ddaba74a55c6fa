import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { StopStreamCommand } from '@aws-sdk/client-ivs';
import { GetParticipantCommand } from '@aws-sdk/client-ivs-realtime';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PacedRetryStrategy } from '../../adapters/backoff.ts';
import { Pacer } from '../../adapters/pacer.ts';
import { DEFAULT_MAX_ATTEMPTS, getPacer, getDynamoClient, getEventBridgeClient, getIvsClient, getIvsRealtimeClient, maxAttemptsFromEnv, resetClients } from '../../adapters/clients.ts';

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'us-west-2');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'not-a-real-secret');
  resetClients();
});
afterEach(() => {
  resetClients();
  vi.unstubAllEnvs();
});

describe('client singletons', () => {
  it('builds each client once per container, and anew after resetClients', () => {
    const first = getIvsClient();
    expect(getIvsClient()).toBe(first);
    expect(getIvsRealtimeClient()).toBe(getIvsRealtimeClient());
    expect(getEventBridgeClient()).toBe(getEventBridgeClient());
    expect(getDynamoClient()).toBe(getDynamoClient());
    resetClients();
    expect(getIvsClient()).not.toBe(first);
  });

  it('uses the paced retry strategy (not the adaptive mode) and AWS_MAX_ATTEMPTS', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '5');
    const client = getIvsClient();
    await expect(client.config.retryStrategy()).resolves.toBeInstanceOf(PacedRetryStrategy);
    await expect(client.config.maxAttempts()).resolves.toBe(5);
  });

  it('shares one pacer between the IVS clients, at IVS_GUARD_RATE_SHARE, and none when it is off', () => {
    vi.stubEnv('IVS_GUARD_RATE_SHARE', '1/4');
    getIvsClient();
    getIvsRealtimeClient();
    expect(getPacer()?.share).toBe(0.25);
    resetClients();
    vi.stubEnv('IVS_GUARD_RATE_SHARE', 'off');
    expect(getPacer()).toBeUndefined();
  });

  it('refuses a bad IVS_GUARD_RATE_SHARE, naming it', () => {
    vi.stubEnv('IVS_GUARD_RATE_SHARE', 'fast');
    expect(() => getIvsClient()).toThrow(/IVS_GUARD_RATE_SHARE must be .* not 'fast'/);
  });

  it.each([
    [undefined, DEFAULT_MAX_ATTEMPTS],
    ['7', 7],
    ['0', DEFAULT_MAX_ATTEMPTS],
    ['2.5', DEFAULT_MAX_ATTEMPTS],
    ['many', DEFAULT_MAX_ATTEMPTS],
  ])('AWS_MAX_ATTEMPTS=%s gives %i attempts', (value, expected) => {
    expect(maxAttemptsFromEnv(value === undefined ? {} : { AWS_MAX_ATTEMPTS: value })).toBe(expected);
  });
});

describe('service endpoints from the environment', () => {
  let server: Server;
  let base: string;
  const received: Array<{ path: string | undefined; target: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      received.push({ path: request.url, target: request.headers['x-amz-target'] as string | undefined });
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }).end('{}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
  });

  const channelArn = 'arn:aws:ivs:us-west-2:123456789012:channel/abcd';
  it.each([
    ['AWS_ENDPOINT_URL_IVS', '/ivs', () => getIvsClient().send(new StopStreamCommand({ channelArn })), { path: '/ivs/StopStream', target: undefined }],
    [
      'AWS_ENDPOINT_URL_IVS_REALTIME',
      '/realtime',
      () => getIvsRealtimeClient().send(new GetParticipantCommand({ stageArn: 'arn:aws:ivs:us-west-2:123456789012:stage/abcd', sessionId: 'st-1', participantId: 'p' })),
      { path: '/realtime/GetParticipant', target: undefined },
    ],
    ['AWS_ENDPOINT_URL_EVENTBRIDGE', '/events', () => getEventBridgeClient().send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })), { path: '/events/', target: 'AWSEvents.PutEvents' }],
    ['AWS_ENDPOINT_URL_DYNAMODB', '/ddb', () => getDynamoClient().send(new ListTablesCommand({})), { path: '/ddb/', target: 'DynamoDB_20120810.ListTables' }],
  ])('%s sends the client to that endpoint', async (variable, prefix, send, expected) => {
    vi.stubEnv(variable, `${base}${prefix}`);
    await send();
    expect(received).toEqual([expected]);
  });
});

describe('pacing and retries over HTTP', () => {
  let server: Server;
  let base: string;
  let answers: number[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      paths.push(request.url ?? '');
      request.resume();
      const status = answers.shift() ?? 200;
      request.on('end', () =>
        status === 200
          ? response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
          : response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-ErrorType': status === 429 ? 'ThrottlingException' : 'InternalServerException' }).end('{"exceptionMessage":"no"}'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    paths.length = 0;
    vi.stubEnv('AWS_ENDPOINT_URL_IVS', base);
    vi.stubEnv('IVS_GUARD_RATE_SHARE', '100'); // slots 2 ms apart: the test is about which calls take one
  });

  it('retries a throttle and a 500, and every attempt takes a slot of its operation', async () => {
    answers = [429, 500];
    const acquire = vi.spyOn(Pacer.prototype, 'acquire');
    await getIvsClient().send(new StopStreamCommand({ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/abcd' }));
    expect(paths).toEqual(['/StopStream', '/StopStream', '/StopStream']);
    expect(acquire.mock.calls).toEqual([...Array.from({ length: 3 }, () => [[{ key: 'StopStream', tps: 5 }]])]);
    acquire.mockRestore();
  });

  it('gives up after AWS_MAX_ATTEMPTS throttles, with the throttle as the error', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '2');
    answers = [429, 429, 429];
    await expect(getIvsClient().send(new StopStreamCommand({ channelArn: 'arn:aws:ivs:us-west-2:123456789012:channel/abcd' }))).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 2 } });
    expect(paths).toHaveLength(2);
    answers = [];
  });
});
