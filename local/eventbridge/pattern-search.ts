/**
 * Decides whether an event satisfies a compiled pattern: every condition must be met by a value of
 * its field, all the values chosen must be array-consistent, and fields allowed to be absent must
 * have no value consistent with that choice.
 *
 * Array consistency is Event Ruler's: a match is refused when two of the values it uses come from
 * different elements of the same array, so `{"items": {"name": ["a"], "size": [2]}}` does not match
 * `{"items": [{"name": "a", "size": 1}, {"name": "b", "size": 2}]}`.
 */
import { EventLeaves, type ArrayPosition } from './event-leaves.ts';
import type { CompiledPattern, Condition } from './pattern-compiler.ts';
import { matchesValue } from './value-matcher.ts';

/** Array id -> the element chosen in it so far. */
type Membership = ReadonlyMap<number, number>;

function isConsistent(membership: Membership, arrays: readonly ArrayPosition[]): boolean {
  return arrays.every(([arrayId, index]) => {
    const chosen = membership.get(arrayId);
    return chosen === undefined || chosen === index;
  });
}

function extend(membership: Membership, arrays: readonly ArrayPosition[]): Membership {
  if (arrays.every(([arrayId]) => membership.has(arrayId))) return membership;
  const next = new Map(membership);
  for (const [arrayId, index] of arrays) next.set(arrayId, index);
  return next;
}

function solve(
  leaves: EventLeaves,
  goals: readonly Condition[],
  membership: Membership,
  absent: readonly (readonly string[])[],
): boolean {
  const [goal, ...rest] = goals;
  if (goal === undefined) {
    // "Exists matching works on the presence or absence of a field in the JSON of the event."
    return absent.every((path) => !leaves.at(path).some((leaf) => isConsistent(membership, leaf.arrays)));
  }
  if (goal.kind === 'or') {
    return goal.alternatives.some((alternative) => solve(leaves, [...alternative, ...rest], membership, absent));
  }
  const tried = new Set<string>();
  for (const leaf of leaves.at(goal.path)) {
    if (!isConsistent(membership, leaf.arrays)) continue;
    if (!goal.matchers.some((matcher) => matchesValue(matcher, leaf.value))) continue;
    // Leaves in the same array elements lead to the same state: try each such state once.
    const positions = JSON.stringify(leaf.arrays);
    if (tried.has(positions)) continue;
    tried.add(positions);
    if (solve(leaves, rest, extend(membership, leaf.arrays), absent)) return true;
  }
  return goal.allowAbsent && solve(leaves, rest, membership, [...absent, goal.path]);
}

/** Whether the event (parsed JSON) matches the compiled pattern. */
export function matchesCompiledPattern(pattern: CompiledPattern, event: unknown): boolean {
  return matchesLeaves(pattern, new EventLeaves(event));
}

/** Whether the event whose leaves these are matches the compiled pattern: one walk of an event serves every pattern. */
export function matchesLeaves(pattern: CompiledPattern, leaves: EventLeaves): boolean {
  return solve(leaves, pattern.conditions, new Map(), []);
}
