/**
 * An in-process DynamoDB (dynalite) on 127.0.0.1, for replay and tests: point the SDK at `url`
 * (`AWS_ENDPOINT_URL_DYNAMODB`, or a client's `endpoint`). In memory unless `path` names a directory
 * to keep the tables in, so a ledger can outlive one run.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** dynalite ships no types: the part of its API used here. */
type Dynalite = (options: { path?: string; createTableMs: number; deleteTableMs: number; updateTableMs: number }) => Server;

const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface DynaliteOptions {
  /** A directory for dynalite's LevelDB store (created if missing); in memory when absent. */
  path?: string;
}

export interface RunningDynalite {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops accepting requests, lets the ones in flight finish, and closes the store. */
  stop(): Promise<void>;
}

/** Starts dynalite on a free port of 127.0.0.1; tables are created and deleted at once. */
export async function startDynalite(options: DynaliteOptions = {}): Promise<RunningDynalite> {
  if (options.path !== undefined) await mkdir(options.path, { recursive: true });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.path === undefined ? {} : { path: options.path }) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of SDK clients would otherwise hold `close` open.
        server.closeIdleConnections();
      }),
  };
}
