import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IvsClient } from '@aws-sdk/client-ivs';
import { getDynamoClient, getEventBridgeClient, getIvsClient, getIvsRealtimeClient, resetClients } from '../../adapters/clients.ts';

beforeEach(() => {
  vi.stubEnv('AWS_REGION', 'us-west-2');
  resetClients();
});
afterEach(() => {
  resetClients();
  vi.unstubAllEnvs();
});

/** The names of the middleware a client runs for each command. */
const middlewareOf = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);

describe('the clients do no logging work for a logger they do not have', () => {
  it('a bare SDK client runs the logger middleware (the reference)', () => {
    expect(middlewareOf(new IvsClient({}))).toContain('loggerMiddleware');
  });

  it.each([
    ['IVS', getIvsClient],
    ['IVS real-time', getIvsRealtimeClient],
    ['EventBridge', getEventBridgeClient],
    ['DynamoDB', getDynamoClient],
  ])('the %s client runs no logger middleware, and still retries', (_, get) => {
    const names = middlewareOf(get());
    expect(names).not.toContain('loggerMiddleware');
    expect(names).toContain('retryMiddleware');
  });
});
