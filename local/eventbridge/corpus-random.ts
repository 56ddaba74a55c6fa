/**
 * The corpus's seeded choices: `pick`, `sample`, `chance` over the emulator's seeded generator (mulberry32,
 * local/emulator/prng.ts), so the same seed always gives the same corpus.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.pick(['a', 'b']); // the same letter for every run with seed 42
 * ```
 */
import { seededRandom } from '../emulator/prng.ts';
import type { Random } from '../emulator/prng.ts';

/** Reproducible choices from a seed. */
export class SeededRandom {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.random();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) chosen.push(item);
    }
    return chosen;
  }
}
