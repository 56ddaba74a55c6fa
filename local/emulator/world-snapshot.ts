/**
 * The emulator's world written back as a world file (DESIGN §4), in the shapes `--world` reads, so
 * that a world can be saved after one replay and seeded into the next.
 */
import type { ChannelState, StageState } from './types.ts';
import type { WorldChannel, WorldFile, WorldStage } from './world-file.ts';
import type { EmulatorWorld } from './world.ts';

/**
 * `world` as a world file: channels with their stream keys (values included: it is a secret, so the
 * file is for the user's own local state) and sessions, stages with their participants. Seeding the
 * result with `createWorld` gives the same GetChannel, GetStreamKey, GetStreamSession and
 * GetParticipant answers. Not kept: the records of what was asked (actions, revocations, metadata),
 * a live stream's health and viewer count, and a session's copy of its channel (a seeded session
 * takes the channel as it is).
 */
export function snapshotWorld(world: EmulatorWorld): WorldFile {
  return {
    channels: [...world.channels.values()].map(channelOf),
    stages: [...world.stages.values()].map(stageOf),
  };
}

function channelOf(state: ChannelState): WorldChannel {
  return {
    ...structuredClone(state.channel),
    streamKeys: state.streamKeys.map((key) => structuredClone(key)),
    // A world file's sessions leave out `channel`: it is the channel they are nested in.
    streamSessions: state.sessions.map(({ channel: _channel, ...session }) => structuredClone(session)),
  };
}

function stageOf(state: StageState): WorldStage {
  return { ...structuredClone(state.stage), participants: state.participants.map((p) => structuredClone(p)) };
}
