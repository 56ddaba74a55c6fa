/**
 * Runs documented shell commands the way a user types them: through bash, in a fresh copy of the
 * project, with an environment that holds no AWS account and nothing of the test runner.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { noteCliOutput } from '../output-scanner.ts';

export interface ShellResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The command did not end within its time and was killed. */
  timedOut: boolean;
}

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Run under a pseudo-terminal (`script`), as on a user's terminal: stdout and stderr arrive together. */
  terminal?: boolean;
}

const DIRS_NOT_IN_A_CLONE = new Set(['node_modules', '.git', '.serverless', '.esbuild', 'coverage', 'dist', '.ivs-guard-state', '.vitest-tmp']);

/** The files a fresh clone of `root` has: tracked and not ignored (git), or a filtered walk without git. */
function cloneFiles(root: string): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git ls-files failed in ${root}: ${git.stderr}`);
  return git.stdout
    .split('\0')
    .filter((path) => path !== '' && existsSync(join(root, path)))
    .filter((path) => !DIRS_NOT_IN_A_CLONE.has(path.split('/')[0] ?? ''));
}

/**
 * A fresh copy of the project in a temporary folder, as `git clone` then `npm ci` would leave it:
 * the files of a clone, and the project's installed `node_modules` linked in (installing again
 * would take minutes and test npm, not the README).
 */
export function freshCopy(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'ivs-guard-readme-'));
  for (const path of cloneFiles(root)) {
    mkdirSync(dirname(join(copy, path)), { recursive: true });
    copyFileSync(join(root, path), join(copy, path));
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/**
 * Removes a copy made by `freshCopy`, and the entries `npx` made for it in npm's cache (npx links
 * the project it runs in there, one entry per folder).
 */
export function removeCopy(copy: string): void {
  rmSync(copy, { recursive: true, force: true });
  const npx = join(process.env.npm_config_cache ?? join(homedir(), '.npm'), '_npx');
  if (!existsSync(npx)) return;
  for (const entry of readdirSync(npx)) {
    const manifest = join(npx, entry, 'package.json');
    if (!existsSync(manifest)) continue;
    const packages = (JSON.parse(readFileSync(manifest, 'utf8')) as { _npx?: { packages?: string[] } })._npx?.packages ?? [];
    if (packages.includes(copy)) rmSync(join(npx, entry), { recursive: true, force: true });
  }
}

/**
 * The environment a documented command runs in: the user's, less any AWS identity, endpoint or
 * region or profile file (a command that needs one must say so), less the test runner's own variables, plus the
 * dummy credentials the README tells AWS CLI users to set, and npm kept off the network.
 */
export function userEnv(): NodeJS.ProcessEnv {
  const none = join(tmpdir(), 'ivs-guard-readme-none', 'aws');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|VITEST|POWERTOOLS_)/.test(key) || key === 'NODE_ENV' || key === 'TEST') continue;
    env[key] = value;
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'readme-test',
    AWS_SECRET_ACCESS_KEY: 'readme-test',
    AWS_CONFIG_FILE: join(none, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(none, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    SHELL: '/bin/bash',
  };
}

/** Terminal escapes and carriage returns, which a pseudo-terminal adds. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}

function spawnCommand(command: string, options: Pick<ShellOptions, 'cwd' | 'env' | 'terminal'>) {
  const script = `set -o pipefail; ${command}`;
  const [file, args] = options.terminal ? ['script', ['-qec', script, '/dev/null']] : ['bash', ['-c', script]];
  // Its own process group, so that everything it started can be stopped together.
  return spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Sends `signal` to the process group of `pid` (one this module started), if it is still there. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs `command` to its end (or kills it after `timeoutMs`). */
export function runShell(command: string, options: ShellOptions): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawnCommand(command, options);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = { code, stdout: options.terminal ? plain(stdout) : stdout, stderr, timedOut };
      if (!/^\s*aws /.test(command)) noteCliOutput([command], result);
      resolve(result);
    });
  });
}

/** A command left running in the background (a server), until `stop`. */
export interface Background {
  /** The match of `ready` in its output. */
  ready: RegExpExecArray;
  /** Ctrl-C, as a user stops it; killed if it has not ended after a few seconds. Resolves when it has ended. */
  stop(): Promise<void>;
}

/** Starts `command` and resolves once its output (stdout and stderr) matches `ready`; rejects if it ends or `timeoutMs` passes first. */
export function startBackground(command: string, ready: RegExp, options: ShellOptions): Promise<Background> {
  return new Promise((resolve, reject) => {
    const child = spawnCommand(command, options);
    let output = '';
    let ended = false;
    const closed = new Promise<void>((done) => child.on('close', () => done()));
    const stop = async () => {
      if (ended) return;
      signalGroup(child.pid, 'SIGINT');
      const kill = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), 5_000);
      await closed;
      clearTimeout(kill);
    };
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`\`${command}\` did not print ${String(ready)} within ${options.timeoutMs} ms; it printed:\n${output}`));
    }, options.timeoutMs);
    let started = false;
    const look = (chunk: Buffer) => {
      // Read on after it is ready, so that a server that logs never blocks on a full pipe.
      if (started) return;
      output += chunk.toString();
      const match = ready.exec(output);
      if (!match) return;
      started = true;
      clearTimeout(timer);
      resolve({ ready: match, stop });
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('error', reject);
    child.on('close', (code) => {
      ended = true;
      clearTimeout(timer);
      reject(new Error(`\`${command}\` ended (exit ${code}) before it printed ${String(ready)}; it printed:\n${output}`));
    });
  });
}
