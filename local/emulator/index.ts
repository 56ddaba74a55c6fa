/**
 * The embedded IVS emulator (DESIGN §4): `startEmulator` serves IVS, IVS real-time and a minimal
 * EventBridge on 127.0.0.1; `applyIvsEvent` makes its world follow replayed IVS events;
 * `loadWorldFile` reads and checks a world file; `snapshotWorld` writes a world back as one.
 */
export { startEmulator } from './server.ts';
export type { Emulator, EmulatorOptions } from './server.ts';
export { banner, exampleCommands } from './banner.ts';
export { applyIvsEvent } from './apply-event.ts';
export type { ApplyResult } from './apply-event.ts';
export { loadWorldFile, WorldFileError } from './world-file.ts';
export type { WorldChannel, WorldFile, WorldFileIssue, WorldStage } from './world-file.ts';
export { createWorld } from './seed-world.ts';
export { snapshotWorld } from './world-snapshot.ts';
export { EmulatorWorld } from './world.ts';
export type { WorldOptions } from './world.ts';
export { parseFaults } from './faults.ts';
export type { FaultSpec } from './faults.ts';
export { quotaMultiplier, OPERATION_TPS, PER_CHANNEL_TPS, DEFAULT_TPS } from './quota.ts';
export type { QuotaMode } from './quota.ts';
export type * from './types.ts';
