/**
 * Runs the project's own osls (`serverless`) on a throw-away copy of the project, the way a user
 * runs `npx serverless package`, but with no AWS credentials and no user configuration in reach:
 * packaging must work offline, and the tests must never touch the working tree (its policies.yml,
 * its `.serverless/` and `.esbuild/`), which other people and tests use at the same time.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project root (the working tree under test). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Never copied: installed, generated or version-control state. */
const NOT_COPIED = new Set(['node_modules', '.git', '.serverless', '.esbuild', 'coverage', 'dist', '.vitest-tmp', '.ivs-guard-state']);

const SERVERLESS_BIN = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');

export interface ProjectCopy {
  dir: string;
  /** An empty home directory: no ~/.aws, no ~/.serverlessrc. */
  home: string;
  remove(): void;
}

/** Copies the project (sources, serverless.yml, policies.yml, events/, ...) to a temporary directory; node_modules is linked. */
export function copyProject(): ProjectCopy {
  const base = mkdtempSync(join(tmpdir(), 'ivs-guard-package-'));
  const dir = join(base, 'project');
  const home = join(base, 'home');
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(relative(ROOT, source).split(sep)[0] ?? ''),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  mkdirSync(home);
  return { dir, home, remove: () => rmSync(base, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  /** stdout and stderr, interleaved as written. */
  output: string;
}

/** Runs `serverless ARGS` in `project.dir` with an environment that holds no AWS credentials (plus `env`). */
export function runServerless(project: ProjectCopy, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return run([SERVERLESS_BIN, ...args], project.dir, {
    ...env,
    PATH: process.env.PATH ?? '',
    HOME: project.home,
    AWS_CONFIG_FILE: join(project.home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(project.home, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    FORCE_COLOR: '0',
  });
}

/**
 * Imports a bundled handler the way the Lambda runtime does at a cold start: from `taskRoot` (an
 * unzipped artifact, with no node_modules above it), with the function's environment and no
 * credentials. Exit 0 and no output when the module loaded and exports a `handler` function.
 */
export function coldStart(taskRoot: string, handlerFile: string, environment: Record<string, string>): Promise<CliResult> {
  const load = `const m = await import(${JSON.stringify(pathToFileURL(join(taskRoot, handlerFile)).href)});
if (typeof m.handler !== 'function') { console.error('no handler function exported'); process.exit(3); }`;
  return run(['--input-type=module', '--eval', load], taskRoot, {
    ...environment,
    PATH: process.env.PATH ?? '',
    LAMBDA_TASK_ROOT: taskRoot,
    AWS_EC2_METADATA_DISABLED: 'true',
    // This machine may run Node 20; the function runs on nodejs22.x, where the SDK does not warn.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
}

function run(args: readonly string[], cwd: string, env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, output }));
  });
}
