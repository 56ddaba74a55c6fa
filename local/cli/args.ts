/**
 * Option parsing shared by the commands: node's parseArgs, strict, with errors that name the
 * option at fault, suggest the nearest known one, and carry the command's usage.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { expressionProblem, searchJson } from '../../domain/policy/jmespath.ts';

/**
 * A mistake in how a command was called: exit status 2 (DESIGN §4). With `usage`, the command's
 * usage is printed after the message (an unknown option, a missing argument).
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** Runs `check`, a parser of one option's value; what it throws becomes a UsageError naming the option (`--faults: …`). */
export function checkOption(option: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(`${option}: ${(error as Error).message}`);
  }
}

/** The options a command declares, in parseArgs' shape. */
export type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseOptions returns: the values by option name, and the positional arguments. */
export type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** How a command is called: its options, whether it takes positionals, and its usage text. */
export interface CommandSpec {
  options: Options;
  usage: string;
  allowPositionals?: boolean;
}

/** parseArgs, strict; an unknown option is a UsageError carrying the usage and the nearest known option. */
export function parseOptions(args: string[], spec: CommandSpec): Parsed {
  const options: Options = { ...spec.options, help: { type: 'boolean', short: 'h' } };
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: spec.allowPositionals ?? true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    throw usageErrorOf(error as Error & { code?: string }, Object.keys(options), spec.usage);
  }
}

function usageErrorOf(error: Error & { code?: string }, known: string[], usage: string): UsageError {
  const first = error.message.split('\n')[0] ?? 'bad arguments';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /'(-{1,2}[^']*)'/.exec(first)?.[1] ?? '';
    const nearest = nearestName(given.replace(/^-+/, '').split('=')[0] ?? '', known);
    return new UsageError(`unknown option '${given}'${nearest ? `; did you mean \`--${nearest}\`?` : ''}`, usage);
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const given = /'([^']*)'/.exec(first)?.[1] ?? '';
    return new UsageError(`unexpected argument '${given}': this command takes options only`, usage);
  }
  // ERR_PARSE_ARGS_INVALID_OPTION_VALUE: "Option '--world <value>' argument missing" and the like.
  return new UsageError(first, usage);
}

/** The known name closest to `given` (edit distance at most a third of its length, at least 2), if any. */
export function nearestName(given: string, known: readonly string[]): string | undefined {
  if (given === '') return undefined;
  const scored = known.map((name) => ({ name, distance: name.startsWith(given) ? 0 : editDistance(given, name) }));
  scored.sort((a, b) => a.distance - b.distance);
  const best = scored[0];
  return best && best.distance <= Math.max(2, Math.floor(given.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `--output`, checked: table on a terminal, json otherwise, unless given. */
export function outputFormatOf(value: unknown): 'table' | 'json' | 'text' {
  const output = typeof value === 'string' ? value : process.stdout.isTTY ? 'table' : 'json';
  if (output !== 'table' && output !== 'json' && output !== 'text') throw new UsageError(`--output must be table, json or text, not '${output}'`);
  return output;
}

/** `--query`, compiled before anything runs: a JMESPath syntax error is a UsageError naming `--query`. */
export function queryOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const syntax = expressionProblem(value);
  if (syntax !== undefined) throw new UsageError(`--query '${value}' is not a JMESPath expression: ${syntax}`);
  try {
    // A misspelt function is only found when the expression runs: run it once over nothing.
    searchJson({}, value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('Unknown function')) throw new UsageError(`--query '${value}' is not a JMESPath expression: ${message}`);
  }
  return value;
}
