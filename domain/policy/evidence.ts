/**
 * The words of a decision: what triggered it and why each condition held (or did not), phrased so a person can
 * check them against the event, the stream session and the policy.
 */
import type { GuardEvent } from '../events/types.ts';
import { describeValue } from '../wording.ts';
import type { EventCount, IngestTrack } from '../session-view.ts';
import { eventTimeMs } from '../session-view.ts';
import type { SessionEventsCondition } from './condition-schema.ts';

/** A value as evidence shows it: strings quoted (`'LOW'`), everything else as JSON, long values cut. */
export const formatValue = (value: unknown): string => describeValue(value, 'evidence');

/** The triggering event in one line: what happened, to what, when. */
export function describeEvent(event: GuardEvent): string {
  const when = `at ${event.time}`;
  switch (event.kind) {
    case 'stream-state':
      return [`${event.name} on ${event.channelArn} ${when}`, event.code && `code ${event.code}`, event.reason && `reason: ${event.reason}`].filter(Boolean).join(', ');
    case 'stream-health':
    case 'recording-state':
      return `${event.name} on ${event.channelArn} ${when}`;
    case 'limit-breach': {
      const limit = event.limitValue !== undefined ? `limit ${event.limitValue}${event.limitUnit ? ` ${event.limitUnit}` : ''}` : undefined;
      const excess = event.exceededBy !== undefined ? `exceeded by ${event.exceededBy}` : undefined;
      return [`${event.name || 'Limit breach'} on ${event.channelArn ?? 'the account'} ${when}`, limit, excess].filter(Boolean).join(', ');
    }
    case 'stage-update':
      return [`${event.name} ${event.participantId ? `by participant ${event.participantId} ` : ''}on ${event.stageArn} ${when}`, event.errorCode && `error ${event.errorCode}`].filter(Boolean).join(', ');
    case 'participant-recording':
      return `${event.name} ${event.participantId ? `by participant ${event.participantId} ` : ''}on ${event.stageArn} ${when}`;
    case 'publisher-recording':
      return `${event.name} ${event.participantId ? `by participant ${event.participantId} ` : ''}on ${event.stageArn ?? 'a stage'} ${when}`;
    case 'composition-state':
      return `${event.name} on ${event.compositionArn} ${when}`;
    case 'revocation-request': {
      const pairs = event.viewerSessions.length;
      const channels = new Set(event.viewerSessions.map((pair) => pair.channelArn)).size;
      const what = `${pairs} viewer session${pairs === 1 ? '' : 's'} on ${channels} channel${channels === 1 ? '' : 's'}`;
      return [`${event.detailType} from ${event.source} ${when}: ${what}`, event.reason && `reason: ${event.reason}`].filter(Boolean).join(', ');
    }
    case 'disconnect-request': {
      const ids = event.participantIds;
      const what = ids ? `participant${ids.length === 1 ? '' : 's'} ${ids.join(', ')}` : `every connected participant of user ${event.userId ?? '?'}${event.sessionId ? ` in session ${event.sessionId}` : ''}`;
      return [`${event.detailType} from ${event.source} ${when}: ${what} on ${event.stageArn}`, event.reason && `reason: ${event.reason}`].filter(Boolean).join(', ');
    }
  }
}

/**
 * "3 stream takeover failures in 412 s: StreamTakeoverInvalidPriority ×2, StreamTakeoverLimitBreached ×1
 * (at least 3 within 600 s)" when it holds; "2 stream takeover failures within 600 s: fewer than 3" when not.
 */
export function describeSessionEvents(condition: SessionEventsCondition, count: EventCount, holds: boolean): string {
  const only = condition.names?.length === 1 ? condition.names[0] : undefined;
  const what = `${count.total} ${only === undefined ? `session event${count.total === 1 ? '' : 's'}` : countedName(only, count.total)}`;
  const window = condition.withinSeconds === undefined ? 'in the session' : `within ${condition.withinSeconds} s`;
  if (!holds) return `${what} ${window}: fewer than ${condition.atLeast}`;
  const breakdown = breakdownOf(condition, count);
  return `${what} ${spanOf(count)}${breakdown ? `: ${breakdown}` : ''} (at least ${condition.atLeast} ${window})`;
}

/**
 * An event name as a counted noun: "stream takeover failures", "stream starts"; a name that does not read as a
 * noun ("Session Created", "Destination Reconnecting", "Concurrent Viewers") stays as it is: "Session Created events".
 */
function countedName(name: string, n: number): string {
  const plural = n === 1 ? '' : 's';
  return /(ed|ing|s)$/.test(name) ? `${name} event${plural}` : `${name.toLowerCase()}${plural}`;
}

function spanOf(count: EventCount): string {
  const times = count.events.map(eventTimeMs).filter((t): t is number => t !== undefined);
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return '';
  if (count.total === 1) return `at ${new Date(first).toISOString()}`;
  return `in ${Math.round((last - first) / 1000)} s`;
}

/** By code when the events carry codes; else by name when several names were counted. */
function breakdownOf(condition: SessionEventsCondition, count: EventCount): string {
  if (count.byCode.size > 0) {
    const uncoded = count.total - [...count.byCode.values()].reduce((sum, n) => sum + n, 0);
    return tallyText(count.byCode) + (uncoded > 0 ? `, without a code ×${uncoded}` : '');
  }
  return condition.names?.length === 1 ? '' : tallyText(count.byName);
}

function tallyText(counts: ReadonlyMap<string, number>): string {
  return [...counts]
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ×${n}`)
    .join(', ');
}

/** "video track 0 is 3840x2160 at 60 fps, 12000000 bps" / "audio track 0 is 320000 bps". */
export function describeTrack(track: IngestTrack): string {
  const parts: string[] = [];
  if (track.kind === 'video') {
    const { videoWidth, videoHeight, targetFramerate } = track.config;
    const size = videoWidth !== undefined && videoHeight !== undefined ? `${videoWidth}x${videoHeight}` : undefined;
    const rate = targetFramerate !== undefined ? `${targetFramerate} fps` : undefined;
    const picture = [size, rate].filter(Boolean).join(' at ');
    if (picture) parts.push(picture);
  }
  if (track.config.targetBitrate !== undefined) parts.push(`${track.config.targetBitrate} bps`);
  return `${track.kind} ${track.label} is ${parts.length > 0 ? parts.join(', ') : 'reported without settings'}`;
}

/** "videoHeight 1080, videoBitrate 8500000". */
export function describeLimits(limits: ReadonlyArray<readonly [string, number]>): string {
  return limits.map(([name, value]) => `${name} ${value}`).join(', ');
}
