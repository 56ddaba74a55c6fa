/**
 * The state directory of `ivs-guard replay --state DIR` and `ivs-guard history` (DESIGN §4): what
 * outlives one replay, so the next one starts where it ended.
 *
 *   DIR/dynamodb/             dynalite's store, holding the ledger table (`LOCAL_LEDGER_TABLE`)
 *   DIR/world.json            the emulator's world after the last replay, as a world file (`--world` reads it)
 *   DIR/applied-events.json   the ids of the IVS events that world has followed
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadWorldFile, snapshotWorld } from '../emulator/index.ts';
import type { EmulatorWorld, WorldFile } from '../emulator/index.ts';

/** Where `history` looks when no `--state` is given (ignored by git). */
export const DEFAULT_STATE_DIR = '.ivs-guard-state';

export interface StatePaths {
  root: string;
  /** dynalite's directory (`startDynalite({ path })`). */
  dynamodb: string;
  world: string;
  appliedEvents: string;
}

export function statePaths(root: string): StatePaths {
  return { root, dynamodb: join(root, 'dynamodb'), world: join(root, 'world.json'), appliedEvents: join(root, 'applied-events.json') };
}

/** What a replay starts from when it keeps its state in a directory. */
export interface ReplayState {
  paths: StatePaths;
  /** The world to seed the emulator with; undefined when there is neither a saved world nor `--world`. */
  world: WorldFile | undefined;
  /**
   * Seeds the ids the emulator creates (CreateStreamKey). Derived from the saved world, so a replay
   * never draws again the ids an earlier one already gave out; undefined (the default seed) without one.
   */
  seed: number | undefined;
  /** The IVS events the saved world has already followed: delivered again, they change nothing. */
  appliedEventIds: string[];
}

/**
 * The state saved in `root`, if any. With `worldPath` too, the world file seeds only what the saved
 * world lacks: its channels and stages whose ARN the saved world does not have. Throws
 * WorldFileError for an unreadable world.
 */
export async function loadReplayState(root: string, worldPath: string | undefined): Promise<ReplayState> {
  const paths = statePaths(root);
  await assertLedgerStoreFree(paths);
  const savedText = await readIfPresent(paths.world);
  const saved = savedText === undefined ? undefined : loadWorldFile(paths.world);
  const seeded = worldPath === undefined ? undefined : loadWorldFile(worldPath);
  const applied = await readIfPresent(paths.appliedEvents);
  return {
    paths,
    world: saved && seeded ? withMissing(saved, seeded) : (saved ?? seeded),
    seed: savedText === undefined ? undefined : createHash('sha256').update(savedText).digest().readUInt32BE(0),
    appliedEventIds: applied === undefined ? [] : appliedEventIdsOf(applied, paths.appliedEvents),
  };
}

/**
 * Throws when another process (a replay or history on the same directory) holds the ledger's store:
 * dynalite, given a locked store, crashes on the first request instead of saying so.
 */
export async function assertLedgerStoreFree(paths: StatePaths): Promise<void> {
  if (!existsSync(paths.dynamodb)) return;
  const store = new (levelOfDynalite())(paths.dynamodb);
  try {
    await store.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') throw new Error(`${paths.root} is in use by another ivs-guard replay or history; try again when it has finished`);
    throw new Error(`cannot open the ledger in ${paths.dynamodb}: ${String(cause?.message ?? error)}`);
  }
  await store.close();
}

/** The part of `level` used here: it ships no types. */
type LevelStore = new (path: string) => { open(): Promise<void>; close(): Promise<void> };

/** dynalite's own LevelDB binding, the very one that will open the store. */
function levelOfDynalite(): LevelStore {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  return (fromDynalite('level') as { Level: LevelStore }).Level;
}

/**
 * Writes the world (as a world file) and the ids of the events it followed, each file replaced whole.
 * What a world file cannot hold (a session a malformed event opened) is left out, and `warn` says so.
 */
export async function saveReplayState(paths: StatePaths, world: EmulatorWorld, warn: (message: string) => void = toStderr): Promise<void> {
  await mkdir(paths.root, { recursive: true });
  const file = snapshotWorld(world, (what) => warn(`left out of ${paths.world}, as no world file can hold it: ${what}`));
  await replaceFile(paths.world, `${JSON.stringify(file, null, 2)}\n`);
  await replaceFile(paths.appliedEvents, `${JSON.stringify({ eventIds: [...world.appliedEventIds] }, null, 2)}\n`);
}

/** `saved`, plus the channels and stages of `seed` it does not have. */
function withMissing(saved: WorldFile, seed: WorldFile): WorldFile {
  const channels = new Set((saved.channels ?? []).map((c) => c.arn));
  const stages = new Set((saved.stages ?? []).map((s) => s.arn));
  return {
    channels: [...(saved.channels ?? []), ...(seed.channels ?? []).filter((c) => !channels.has(c.arn))],
    stages: [...(saved.stages ?? []), ...(seed.stages ?? []).filter((s) => !stages.has(s.arn))],
  };
}

function appliedEventIdsOf(text: string, path: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const ids = typeof value === 'object' && value !== null && 'eventIds' in value ? value.eventIds : undefined;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) throw new Error(`${path} must be {"eventIds": [ ...strings ]}`);
  return ids;
}

function toStderr(message: string): void {
  process.stderr.write(`ivs-guard replay: ${message}\n`);
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Written beside and renamed over, so an interrupted save leaves the previous file whole. */
async function replaceFile(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}
