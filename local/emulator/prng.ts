/**
 * Reproducible randomness: a seeded generator (mulberry32) for faults and new resources, and ids
 * derived from a name so the same world file always yields the same defaults.
 */

export type Random = () => number;

/** A generator of numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a 32-bit hash of a string, to seed a generator from a name. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` alphanumerics drawn from `random`. */
export function randomId(random: Random, length: number): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)] ?? 'a';
  return id;
}

/** `length` alphanumerics that depend only on `name`. */
export function derivedId(name: string, length: number): string {
  return randomId(seededRandom(hashString(name)), length);
}

/** A version-4-shaped UUID drawn from `random`. */
export function randomUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
