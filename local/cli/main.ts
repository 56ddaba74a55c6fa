/**
 * `ivs-guard`: replay, history, emulator, validate, generate-event (DESIGN §4).
 * Exit status: 0 success, 1 when something was rejected or failed, 2 for a usage error.
 */
import { UsageError } from './args.ts';
import { runEmulator } from './commands/emulator.ts';
import { runGenerateEvent } from './commands/generate-event.ts';
import { runHistory } from './commands/history.ts';
import { runPublish } from './commands/publish.ts';
import { runReplay } from './commands/replay.ts';
import { runStack } from './commands/stack.ts';
import { runValidate } from './commands/validate.ts';

const COMMANDS: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  replay: { summary: 'replay IVS events through the real handlers, against the emulator or (--live) AWS', run: runReplay },
  history: { summary: 'what the guard did, newest first, from the ledger (a replay\'s --state, or --live)', run: runHistory },
  emulator: { summary: 'serve the embedded IVS emulator on 127.0.0.1', run: runEmulator },
  validate: { summary: 'check a policy document and point at the line of each mistake', run: runValidate },
  stack: { summary: 'deploy the packaged stack to moto and run its functions as Lambda would, until Ctrl-C', run: runStack },
  publish: { summary: 'put events from files on an EventBridge bus (--endpoint-url), 10 a call, as IVS does', run: runPublish },
  'generate-event': { summary: 'print a sample event of any IVS kind', run: runGenerateEvent },
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage());
    return command ? 0 : 2;
  }
  const entry = COMMANDS[command];
  if (!entry) return fail(`unknown command '${command}'; expected one of ${Object.keys(COMMANDS).join(', ')}`);
  try {
    return await entry.run(rest);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message);
    process.stderr.write(`ivs-guard ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function fail(message: string): number {
  process.stderr.write(`ivs-guard: ${message}\n`);
  return 2;
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return `usage: ivs-guard <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'ivs-guard <command> --help' for a command's options.\n`;
}
