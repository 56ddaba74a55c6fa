/**
 * A Lambda execution environment for a bundled function: a Node process whose task root is the
 * unpacked artifact, whose environment is the function's (plus what Lambda itself sets), and
 * which loads the handler module the template names and invokes it once per request, as the
 * Node.js runtime does. What the function writes is its log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';

/** The runtime inside the container (an ES module, given to `node --eval`). */
const RUNTIME = `
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
const spec = process.env._HANDLER ?? '';
const dot = spec.lastIndexOf('.');
const base = join(process.env.LAMBDA_TASK_ROOT, spec.slice(0, dot));
const file = ['.js', '.mjs', '.cjs'].map((ext) => base + ext).find((f) => existsSync(f));
if (dot < 1 || !file) { console.error('Runtime.ImportModuleError: Cannot find module ' + base + ' (handler ' + spec + ')'); process.exit(3); }
const mod = await import(pathToFileURL(file).href);
const handler = mod[spec.slice(dot + 1)];
if (typeof handler !== 'function') { console.error('Runtime.HandlerNotFound: ' + spec + ' is undefined or not exported'); process.exit(3); }
process.on('message', async ({ id, event, context }) => {
  const ctx = { ...context, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()), done() {}, fail() {}, succeed() {} };
  try {
    const result = await handler(event, ctx);
    process.send({ id, ok: true, result: result ?? null });
  } catch (error) {
    console.error(JSON.stringify({ errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error) }));
    process.send({ id, ok: false, error: (error?.name ?? 'Error') + ': ' + (error?.message ?? String(error)) });
  }
});
process.send({ ready: true });
`;

/** What the container runs. */
export interface ContainerSpec {
  readonly functionName: string;
  readonly taskRoot: string;
  /** The template's `Handler`. */
  readonly handler: string;
  readonly region: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** The function's environment (deployed), with the SDK endpoints the stack points it at. */
  readonly environment: Readonly<Record<string, string>>;
  /** Each line the function writes (stdout or stderr), and the runtime's START/END/REPORT lines. */
  readonly onLog: (line: string) => void;
}

/** The answer of one invocation: the handler's result, or why it failed. */
export type InvocationResult = { ok: true; result: unknown } | { ok: false; error: string };

type Reply = { id?: string; ready?: boolean; ok?: boolean; result?: unknown; error?: string };

/** One warm container; `invoke` runs one request at a time, as Lambda does. */
export class Container {
  private readonly child: ChildProcess;
  private readonly ready: Promise<void>;
  private exited = false;
  private readonly pending = new Map<string, (result: InvocationResult) => void>();
  private readonly logStreamName = `local/[$LATEST]${randomUUID().replaceAll('-', '')}`;

  constructor(private readonly spec: ContainerSpec) {
    this.child = spawn(process.execPath, ['--input-type=module', '--eval', RUNTIME], {
      cwd: spec.taskRoot,
      env: { ...lambdaEnvironment(spec, this.logStreamName), ...spec.environment },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => spec.onLog(line));
    }
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: Reply) => {
        if (message.ready) resolve();
        else if (message.id) this.settle(message.id, message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error ?? 'unknown error' });
      });
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        const why = `Runtime.ExitError: the ${spec.functionName} container exited (${signal ?? `status ${String(code)}`})`;
        reject(new Error(why));
        for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error: why });
      });
    });
    this.ready.catch(() => undefined);
  }

  /** False once the process has exited (a crash or a timeout): the pool starts a new one. */
  get alive(): boolean {
    return !this.exited;
  }

  /** Invokes the handler with `event`; a timeout kills the container, as Lambda does. */
  async invoke(event: unknown): Promise<InvocationResult> {
    const started = Date.now();
    try {
      await this.ready;
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
    const requestId = randomUUID();
    const deadline = Date.now() + this.spec.timeoutSeconds * 1000;
    this.spec.onLog(`START RequestId: ${requestId} Version: $LATEST`);
    const answer = new Promise<InvocationResult>((resolve) => this.pending.set(requestId, resolve));
    const timer = setTimeout(() => {
      this.spec.onLog(`${new Date().toISOString()} ${requestId} Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`);
      this.settle(requestId, { ok: false, error: `Sandbox.Timedout: Task timed out after ${this.spec.timeoutSeconds} seconds` });
      this.child.kill('SIGKILL');
    }, this.spec.timeoutSeconds * 1000);
    this.child.send({ id: requestId, event, context: this.context(requestId, deadline) });
    const result = await answer;
    clearTimeout(timer);
    this.spec.onLog(`END RequestId: ${requestId}`);
    this.spec.onLog(`REPORT RequestId: ${requestId}\tDuration: ${Date.now() - started} ms\tMemory Size: ${this.spec.memoryMb} MB`);
    return result;
  }

  /** Stops the process (SIGTERM, as Lambda's shutdown). */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await gone;
  }

  private settle(id: string, result: InvocationResult): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(result);
  }

  private context(requestId: string, deadline: number) {
    return {
      functionName: this.spec.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.spec.region}:123456789012:function:${this.spec.functionName}`,
      memoryLimitInMB: String(this.spec.memoryMb),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${this.spec.functionName}`,
      logStreamName: this.logStreamName,
      deadline,
    };
  }
}

/** What Lambda sets in every Node.js function's environment (credentials are dummies: moto takes any). */
function lambdaEnvironment(spec: ContainerSpec, logStreamName: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    _HANDLER: spec.handler,
    LAMBDA_TASK_ROOT: spec.taskRoot,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_ACCESS_KEY_ID: 'AKIDIVSGUARDSTACK',
    AWS_SECRET_ACCESS_KEY: 'ivs-guard-stack-secret',
    AWS_SESSION_TOKEN: 'ivs-guard-stack-session',
    AWS_EC2_METADATA_DISABLED: 'true',
    // This machine may run an older Node than the function's nodejs22.x, where the SDK does not warn.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
