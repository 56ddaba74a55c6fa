/**
 * The local stand-in for the guard's EventBridge rules: which functions an event would reach.
 * The patterns come from `events/patterns.json` (function name -> EventBridge pattern), the one
 * source `serverless.yml` also reads, so replay routes exactly as the deployed rules do.
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../../domain/defined.ts';
import { fileURLToPath } from 'node:url';
import { compilePattern, type CompiledPattern } from './pattern-compiler.ts';
import { EventLeaves } from './event-leaves.ts';
import { matchesLeaves } from './pattern-search.ts';

/** `events/patterns.json` of this checkout. */
export const DEFAULT_PATTERNS_PATH = fileURLToPath(new URL('../../events/patterns.json', import.meta.url));

/** The function that receives the application's moderation requests. */
export const MODERATION_FUNCTION = 'moderation';

/** One rule: the function it targets and its compiled pattern. */
export interface Route {
  readonly name: string;
  /** The pattern as deployed (after options are applied). */
  readonly pattern: Readonly<Record<string, unknown>>;
  readonly compiled: CompiledPattern;
}

/** Deploy options that change a pattern. */
export interface RouteOptions {
  /** The `source` the moderation rule listens to, when the stack was deployed with another one. */
  readonly moderationSource?: string;
}

/** Builds routes from a parsed patterns document; throws, naming the function, on a bad pattern. */
export function routesFromPatterns(patterns: unknown, options: RouteOptions = {}, origin = 'patterns'): Route[] {
  if (!isRecord(patterns)) throw new Error(`${origin}: must be an object mapping function names to EventBridge patterns`);
  const { moderationSource } = options;
  if (moderationSource !== undefined) {
    if (moderationSource.length === 0) throw new Error('moderationSource must not be empty');
    if (!(MODERATION_FUNCTION in patterns)) throw new Error(`${origin}: no "${MODERATION_FUNCTION}" pattern to apply moderationSource to`);
  }
  return Object.entries(patterns).map(([name, raw]) => {
    const base = isRecord(raw) ? raw : {};
    const pattern = name === MODERATION_FUNCTION && moderationSource !== undefined ? { ...base, source: [moderationSource] } : base;
    const compiled = compilePattern(isRecord(raw) ? pattern : raw);
    if (!compiled.ok) throw new Error(`${origin}: the pattern of "${name}" is not valid: ${compiled.errors.join('; ')}`);
    return { name, pattern, compiled: compiled.pattern };
  });
}

/** Reads and compiles `events/patterns.json` (or the file at `path`). */
export function loadRoutes(path: string = DEFAULT_PATTERNS_PATH, options: RouteOptions = {}): Route[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the EventBridge patterns (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return routesFromPatterns(parsed, options, path);
}

/** The names of the functions whose pattern matches the event, in the order of the patterns file. */
export function route(routes: readonly Route[], event: unknown): string[] {
  const leaves = new EventLeaves(event);
  return routes.filter((candidate) => matchesLeaves(candidate.compiled, leaves)).map((candidate) => candidate.name);
}
