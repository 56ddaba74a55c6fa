/**
 * Option parsing shared by the commands: node's parseArgs, strict, with one-line errors.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Options = ParseArgsConfig['options'];
export type Parsed = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/** parseArgs with one-line errors naming the unknown or malformed option. */
export function parseOptions(args: string[], options: Options, allowPositionals = true): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

