/**
 * An event seen the way EventBridge matches it: the scalar values at the end of each path of keys
 * (its leaves), with the array elements each one sits in.
 *
 * User guide, "Arrays in Amazon EventBridge event patterns": "If the value in the event is an
 * array, then the event pattern matches if the intersection of the event pattern array and the
 * event array is non-empty." Arrays are "crushed out": each element, or each field of an object
 * element, is a value of the same path. Objects are not values ("Exists matching only works on leaf
 * nodes. It does not work on intermediate nodes."), and neither are empty arrays or empty objects:
 * they leave nothing at their path.
 */
import { isRecord } from '../../domain/defined.ts';
import type { LeafValue } from './value-matcher.ts';

/** Which element of which array (arrays are numbered as they are met) a leaf sits in. */
export type ArrayPosition = readonly [arrayId: number, index: number];

/** One scalar value of the event and where it sits. */
export interface Leaf {
  readonly value: LeafValue;
  /** Outermost first. */
  readonly arrays: readonly ArrayPosition[];
}

/** The key used to look up leaves by path. */
export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}

/** The event's leaves grouped by path. Values JSON cannot carry (undefined, functions, NaN) are absent. */
export class EventLeaves {
  private readonly byPath = new Map<string, Leaf[]>();
  private nextArrayId = 0;

  constructor(event: unknown) {
    if (isRecord(event)) this.visit(event, '', []);
  }

  /** The leaves at the path, in document order; empty when the field is absent. */
  at(path: readonly string[]): readonly Leaf[] {
    return this.byPath.get(pathKey(path)) ?? [];
  }

  /** `members`: the path so far as `pathKey` writes it, without its brackets (built a key at a time, not per leaf). */
  private visit(node: unknown, members: string, arrays: readonly ArrayPosition[]): void {
    if (Array.isArray(node)) {
      const arrayId = this.nextArrayId++;
      const elements: readonly unknown[] = node;
      elements.forEach((element, index) => this.visit(element, members, [...arrays, [arrayId, index]]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) this.visit(child, members === '' ? JSON.stringify(key) : `${members},${JSON.stringify(key)}`, arrays);
    } else if (node === null || typeof node === 'string' || typeof node === 'boolean' || (typeof node === 'number' && Number.isFinite(node))) {
      const key = `[${members}]`;
      const leaves = this.byPath.get(key);
      const leaf = { value: node, arrays };
      if (leaves === undefined) this.byPath.set(key, [leaf]);
      else leaves.push(leaf);
    }
  }
}
