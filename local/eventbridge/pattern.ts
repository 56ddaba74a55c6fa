/**
 * The EventBridge event-pattern language, locally: validate a pattern, and test an event against it
 * the way an EventBridge rule would. Behaviour follows the EventBridge user guide ("Creating event
 * patterns", "Comparison operators", "Arrays", "Matching null values and empty strings") and, where
 * the guide is silent, Event Ruler, the open-source engine EventBridge runs.
 *
 * The language in one breath: a pattern is a JSON object shaped like the events it matches; every
 * field it names must match (AND); a field's array lists values any one of which matches (OR); a
 * value is a JSON scalar compared by type and value, or one operator object: `prefix`, `suffix`,
 * `equals-ignore-case`, `wildcard`, `anything-but`, `numeric`, `cidr`, `exists`; `$or` lists
 * alternative sub-patterns.
 */
import { InvalidEventPatternError } from './invalid-event-pattern-error.ts';
import { compilePattern, type CompiledPattern } from './pattern-compiler.ts';
import { matchesCompiledPattern } from './pattern-search.ts';

export { InvalidEventPatternError } from './invalid-event-pattern-error.ts';
export { matchesCompiledPattern } from './pattern-search.ts';
export type { CompiledPattern } from './pattern-compiler.ts';

/** The mistakes in an event pattern, each naming where it is; empty when the pattern is valid. */
export function validatePattern(pattern: unknown): string[] {
  const compiled = compilePattern(pattern);
  return compiled.ok ? [] : [...compiled.errors];
}

/** Compiles a pattern once for many events; throws {@link InvalidEventPatternError} when it is not valid. */
export function compileEventPattern(pattern: unknown): CompiledPattern {
  const compiled = compilePattern(pattern);
  if (!compiled.ok) throw new InvalidEventPatternError(compiled.errors);
  return compiled.pattern;
}

/**
 * Whether the event (parsed JSON, the full envelope: `source`, `detail-type`, `detail`, ...) matches
 * the pattern. Throws {@link InvalidEventPatternError} when the pattern is not valid.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  return matchesCompiledPattern(compileEventPattern(pattern), event);
}
