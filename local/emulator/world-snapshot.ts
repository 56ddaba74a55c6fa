/**
 * The emulator's world written back as a world file (DESIGN §4), in the shapes `--world` reads, so
 * that a world can be saved after one replay and seeded into the next.
 */
import type { ChannelState, StageState } from './types.ts';
import type { Issue, Path } from './validate.ts';
import { formatPath, isRecord } from './validate.ts';
import type { WorldChannel, WorldFile, WorldStage } from './world-file.ts';
import { worldIssues } from './world-file.ts';
import type { EmulatorWorld } from './world.ts';

/**
 * `world` as a world file: channels with their stream keys (values included: a key is a secret, so
 * the file is for the user's own local state) and sessions, stages with their sessions and their
 * participants (with their events). Seeding the result with `createWorld` gives the same GetChannel,
 * GetStreamKey, GetStreamSession, GetStage, GetStageSession, GetParticipant and ListParticipantEvents answers.
 *
 * Not kept: the records of what was asked (actions, revocations, metadata), a live stream's health
 * and viewer count, and a session's copy of its channel (a seeded session takes the channel as it
 * is). Nor what a world file cannot hold, which replayed events can bring in (a malformed event's
 * 8-character stream id opens a session all the same): each such session, key, participant, channel
 * or stage is left out, and `onLeftOut` told which and why, so the file always loads.
 */
export function snapshotWorld(world: EmulatorWorld, onLeftOut?: (what: string) => void): WorldFile {
  const file: WorldFile = {
    channels: [...world.channels.values()].map(channelOf),
    stages: [...world.stages.values()].map(stageOf),
  };
  return withoutIssues(file, onLeftOut);
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
  return { ...structuredClone(state.stage), stageSessions: structuredClone(state.sessions), participants: state.participants.map((p) => structuredClone(p)) };
}

/**
 * `file` without the list elements its issues are in. Rounds, because the consistency checks (unique
 * ARNs, one open session) only run once every field is valid.
 */
function withoutIssues(file: WorldFile, onLeftOut: ((what: string) => void) | undefined): WorldFile {
  for (let issues = worldIssues(file); issues.length > 0; issues = worldIssues(file)) {
    const doomed = new Map<string, { at: Path; issue: Issue }>();
    for (const issue of issues) {
      const at = elementOf(issue.path);
      if (!at) throw new Error(`the world cannot be written as a world file: ${formatPath(issue.path) || '(top)'}: ${issue.message}`);
      doomed.set(formatPath(at), doomed.get(formatPath(at)) ?? { at, issue });
    }
    // Deepest and last first, so that no removal shifts an index still to be removed.
    for (const { at, issue } of [...doomed.values()].sort((a, b) => comparePaths(b.at, a.at))) {
      const removed = removeAt(file, at);
      onLeftOut?.(`${describe(removed, at)}: ${formatPath(issue.path.slice(at.length)) || 'it'} ${issue.message}`);
    }
  }
  return file;
}

/** The path of the innermost list element `path` is in. */
function elementOf(path: Path): Path | undefined {
  const index = path.findLastIndex((part) => typeof part === 'number');
  return index === -1 ? undefined : path.slice(0, index + 1);
}

function removeAt(file: WorldFile, at: Path): unknown {
  const list: unknown = at.slice(0, -1).reduce<unknown>((value, part) => (isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[part] : undefined), file);
  const index = at.at(-1);
  if (!Array.isArray(list) || typeof index !== 'number') return undefined;
  return list.splice(index, 1)[0] as unknown;
}

/** `channels[4].streamSessions[1]` as a reader knows it: by its ARN or id. */
function describe(element: unknown, at: Path): string {
  const record: Record<string, unknown> = isRecord(element) ? element : {};
  const id = [record.arn, record.streamId, record.participantId, record.sessionId].find((v): v is string => typeof v === 'string');
  return `${formatPath(at)}${id ? ` (${id})` : ''}`;
}

/** Element-wise, numbers as numbers; a path sorts before the paths inside it. */
function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  return a.length - b.length;
}
