/**
 * `moto_server` (Python's moto, the AWS emulator) started on a free loopback port, for the stack:
 * CloudFormation, S3, IAM, Lambda (definitions only), EventBridge, SQS and DynamoDB.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_TIMEOUT_MS = 30_000;

/**
 * moto renders every event a rule delivers through a jsonpath template, building a fresh jsonpath
 * (yacc) parser for each path, about 0.5 s an event; memoizing `jsonpath_ng.ext.parse` makes that
 * milliseconds. What moto matches and delivers is untouched.
 */
export const MOTO_SERVER_BOOTSTRAP = [
  'import functools, sys',
  'try:',
  '    import jsonpath_ng.ext',
  '    jsonpath_ng.ext.parse = functools.lru_cache(maxsize=None)(jsonpath_ng.ext.parse)',
  'except ImportError:',
  '    pass',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

/** A running moto server this process started. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The last lines moto printed, for error reports. */
  tail(): string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** moto cannot be started here: no Python, or no moto in it (the pattern check then exits 3, not 1). */
export class MotoUnavailableError extends Error {
  override readonly name = 'MotoUnavailableError';
}

/** A free TCP port on 127.0.0.1. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}

/** Starts moto with `MOTO_PYTHON` (default `python3`); rejects naming what is missing (a `MotoUnavailableError` when Python or moto is). */
export async function startMoto(): Promise<MotoServer> {
  const port = await freeLoopbackPort();
  const python = process.env.MOTO_PYTHON ?? 'python3';
  const child = spawn(python, ['-c', MOTO_SERVER_BOOTSTRAP, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No Docker for moto's Lambda: the stack runs the functions itself.
    env: { ...process.env, MOTO_DOCKER_NETWORK_MODE: 'none' },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  child.once('exit', () => (exited = true));
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new MotoUnavailableError(`cannot run ${python} (set MOTO_PYTHON to a Python with moto[server] 5): ${error.message}`)));
  });
  const tail = (): string => output.join('').split('\n').slice(-15).join('\n');
  const server: MotoServer = { endpoint: `http://127.0.0.1:${port}`, tail, stop: () => stopChild(child, () => exited) };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      const said = tail();
      if (/No module named '?moto/.test(said)) throw new MotoUnavailableError(`moto is not installed for ${python} (pip install 'moto[server]', or set MOTO_PYTHON):\n${said}`);
      throw new Error(`moto_server exited while starting:\n${said}`);
    }
    try {
      const response = await fetch(`${server.endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`moto_server did not answer on ${server.endpoint} within ${READY_TIMEOUT_MS / 1000} s:\n${tail()}`);
}

async function stopChild(child: ChildProcess, exited: () => boolean): Promise<void> {
  if (exited()) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const stopped = await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]);
  if (!stopped) child.kill('SIGKILL');
}
