/**
 * The stack's functions as Lambda holds them: each artifact unpacked once into its task root, and a
 * pool of warm containers per function, started on demand and reused between invocations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Container, type InvocationResult } from './container.ts';
import type { TemplateFunction } from './template.ts';
import { unzipTo } from './unzip.ts';

/** One line of a function's log. */
export interface LogLine {
  readonly functionName: string;
  readonly line: string;
}

/** A function ready to invoke. */
export interface FunctionRuntime {
  readonly name: string;
  readonly logicalId: string;
  /** Invokes on an idle container (a new one when all are busy). */
  invoke(event: unknown): Promise<InvocationResult>;
  /** Stops every container. */
  stop(): Promise<void>;
}

export interface FunctionSetup {
  readonly region: string;
  /** Where the task roots are unpacked. */
  readonly workDir: string;
  /** The deployed environment of the function, as the AWS endpoint reports it. */
  readonly environment: Readonly<Record<string, string>>;
  /** SDK endpoints (`AWS_ENDPOINT_URL_*`) pointed at the local services; they win over the function's own. */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly onLog: (line: LogLine) => void;
}

/** Unpacks `fn`'s artifact and returns its runtime. */
export function prepareFunction(fn: TemplateFunction, setup: FunctionSetup): FunctionRuntime {
  const taskRoot = join(setup.workDir, fn.name);
  mkdirSync(taskRoot, { recursive: true });
  unzipTo(fn.zipPath, taskRoot);
  const idle: Container[] = [];
  const all = new Set<Container>();
  const spec = {
    functionName: fn.name,
    taskRoot,
    handler: fn.handler,
    region: setup.region,
    timeoutSeconds: fn.timeoutSeconds,
    memoryMb: fn.memoryMb,
    environment: { ...setup.environment, ...setup.endpoints },
    onLog: (line: string) => setup.onLog({ functionName: fn.name, line }),
  };
  return {
    name: fn.name,
    logicalId: fn.logicalId,
    async invoke(event) {
      let container = idle.pop();
      while (container && !container.alive) {
        all.delete(container);
        container = idle.pop();
      }
      if (!container) {
        container = new Container(spec);
        all.add(container);
      }
      try {
        return await container.invoke(event);
      } finally {
        if (container.alive) idle.push(container);
        else all.delete(container);
      }
    },
    async stop() {
      await Promise.all([...all].map((c) => c.stop()));
      all.clear();
      idle.length = 0;
    },
  };
}
