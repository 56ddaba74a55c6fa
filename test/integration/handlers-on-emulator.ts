/**
 * The deployed handlers, unchanged, against the embedded IVS emulator (seeded with a world) and a local ledger
 * (dynalite), with the environment a local replay sets: the `beforeAll`/`afterAll` of one test file.
 *
 * @example
 * ```ts
 * const guard = handlersOnEmulator(WORLD, async () => ({ stage: (await import('../../handlers/stage.ts')).handler }));
 * it('…', async () => {
 *   await guard.stage(sqsBatch([event]), context);
 *   expect(guard.emulator.actions).toEqual([...]);
 * });
 * ```
 */
import { afterAll, beforeAll } from 'vitest';
import type { RunningDynalite } from '../../local/dynalite.ts';
import { startEmulator } from '../../local/emulator/index.ts';
import type { Emulator, EmulatorOptions } from '../../local/emulator/index.ts';
import { startLocalLedger } from '../../local/local-ledger.ts';
import { applyEnvironment } from '../../local/replay/environment.ts';
import type { GuardEnvironment } from '../../local/replay/environment.ts';

/** The handlers `load` gave, with the emulator and the ledger they run against (set once `beforeAll` has run). */
export type HandlersOnEmulator<Handlers> = Handlers & { readonly emulator: Emulator; readonly dynamo: RunningDynalite };

/**
 * Starts the emulator on `world` and a local ledger, points the guard's environment at them (the shipped
 * `policies.yml`, us-west-2, and `settings`), then `load`s the handlers; stops everything after the file's tests.
 */
export function handlersOnEmulator<Handlers extends object>(
  world: NonNullable<EmulatorOptions['world']>,
  load: () => Promise<Handlers>,
  settings: Partial<GuardEnvironment> = {},
): HandlersOnEmulator<Handlers> {
  const running = {} as { emulator: Emulator; dynamo: RunningDynalite };
  const guard = running as HandlersOnEmulator<Handlers>;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    running.emulator = await startEmulator({ world });
    running.dynamo = await startLocalLedger();
    restore = applyEnvironment({ ivs: running.emulator.url, dynamodb: running.dynamo.url }, { policiesPath: 'policies.yml', region: 'us-west-2', ...settings });
    Object.assign(running, await load());
  });
  afterAll(async () => {
    restore?.();
    await running.emulator?.stop();
    await running.dynamo?.stop();
  });
  return guard;
}
