/**
 * `ivs-guard`: replay, history, emulator, validate, generate-event (DESIGN §4).
 * Exit status: 0 success, 1 when something was rejected or failed, 2 for a usage error,
 * 130 for a replay interrupted by SIGINT or SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { nearestName, UsageError } from './args.ts';
import { runEmulator } from './commands/emulator.ts';
import { runGenerateEvent } from './commands/generate-event.ts';
import { runHistory } from './commands/history.ts';
import { runPublish } from './commands/publish.ts';
import { runReplay } from './commands/replay.ts';
import { runStack } from './commands/stack.ts';
import { runTest } from './commands/test.ts';
import { runValidate } from './commands/validate.ts';

/** The exit status of a usage error, for every command. */
export const USAGE_EXIT = 2;

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  replay: { summary: 'replay IVS events through the real handlers, against the emulator or (--live) AWS', run: runReplay },
  history: { summary: 'what the guard did, newest first, from the ledger (a replay\'s --state, or --live)', run: runHistory },
  emulator: { summary: 'serve the embedded IVS emulator on 127.0.0.1', run: runEmulator },
  validate: { summary: 'check a policy document and point at the line of each mistake', run: runValidate },
  stack: { summary: 'deploy the packaged stack to moto and run its functions as Lambda would, until Ctrl-C', run: runStack },
  publish: { summary: 'put events from files on an EventBridge bus (--endpoint-url), 10 a call, as IVS does', run: runPublish },
  'generate-event': { summary: 'print a sample event of any IVS kind', run: runGenerateEvent },
  test: { summary: 'run policy test files (default policies.test.yml): expected decisions, coverage', run: runTest },
};

/** Runs one command line (without `node` and the script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`ivs-guard ${version()}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(usage());
    return command ? 0 : USAGE_EXIT;
  }
  if (command === 'help') return help(rest[0]);
  const entry = COMMANDS[command];
  if (!entry) return unknownCommand(command);
  try {
    return await entry.run(rest);
  } catch (error) {
    if (error instanceof UsageError) return fail(`ivs-guard ${command}`, error.message, error.usage);
    process.stderr.write(`ivs-guard ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** `ivs-guard help CMD` is `ivs-guard CMD --help`, by construction. */
async function help(command: string | undefined): Promise<number> {
  if (command === undefined) {
    process.stdout.write(usage());
    return 0;
  }
  const entry = COMMANDS[command];
  return entry ? entry.run(['--help']) : unknownCommand(command);
}

function unknownCommand(command: string): number {
  const nearest = nearestName(command, Object.keys(COMMANDS));
  return fail('ivs-guard', `unknown command '${command}'${nearest ? `; did you mean \`${nearest}\`?` : ''}`, usage());
}

function fail(who: string, message: string, usageText?: string): number {
  process.stderr.write(`${who}: ${message}\n${usageText ? `\n${usageText}` : ''}`);
  return USAGE_EXIT;
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return `usage: ivs-guard <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'ivs-guard help <command>' (or 'ivs-guard <command> --help') for a command's options; 'ivs-guard --version' for the version.\n`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
