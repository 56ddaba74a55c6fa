/**
 * What every step of a generated day shares: the seeded random numbers, the event ids, the events made so
 * far (with their times, for sorting), and the day's builders, which are the project's event builders with
 * the day's account, region and ids.
 */
import type { ViewerSessionPair } from '../../../domain/events/types.ts';
import { seededRandom } from '../../../local/emulator/prng.ts';
import { limitBreach, recordingStateChange, revocationRequested, streamHealthChange, streamStateChange } from '../../../local/event-builders.ts';
import type { DayEvent } from './types.ts';

export const DAY_ACCOUNT = '123456789012';
export const DAY_REGION = 'us-west-2';
export const DAY_START = Date.parse('2026-11-20T06:00:00Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** An ARN of a channel of the day. */
export const dayChannelArn = (name: string) => `arn:aws:ivs:${DAY_REGION}:${DAY_ACCOUNT}:channel/${name}`;

/** `st-` and 23 alphanumerics, unique per (channel, session). */
export function dayStreamId(channel: number, session: number): string {
  return `st-${`day${String(channel).padStart(3, '0')}s${String(session).padStart(2, '0')}`.padEnd(23, 'X')}`;
}

/** Times as IVS writes them: whole seconds, `Z`. */
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

interface Timed extends DayEvent {
  at: number;
  order: number;
}

/** The shared state of one generated day; see the module comment. */
export class DayContext {
  private readonly random: () => number;
  private readonly timed: Timed[] = [];
  private serial = 0;

  constructor(readonly seed: number) {
    this.random = seededRandom(seed);
  }

  /** A whole number from `low` to `high`, both included. */
  between(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  /** `true` one time in two. */
  coin(): boolean {
    return this.random() < 0.5;
  }

  nextId(prefix: string): string {
    return `${prefix}-${String(this.seed)}-${String((this.serial += 1)).padStart(6, '0')}`;
  }

  /** Adds `event`, happening at `at` (epoch ms). */
  push(at: number, event: DayEvent): void {
    this.timed.push({ ...event, at, order: this.timed.length + 1 });
  }

  /** The events so far, in time order (the order they were pushed among equal times). */
  inTimeOrder(): DayEvent[] {
    return [...this.timed].sort((a, b) => a.at - b.at || a.order - b.order).map(({ at: _at, order: _order, ...event }) => event);
  }

  private fields(channelArn: string, at: number, detail: Record<string, unknown>) {
    return { id: this.nextId('ev'), time: iso(at), account: DAY_ACCOUNT, region: DAY_REGION, channelArn, detail: { channel_name: 'day', ...detail } };
  }

  state(name: string, channelArn: string, streamId: string, at: number, extra: Record<string, unknown> = {}) {
    return streamStateChange(name, this.fields(channelArn, at, { stream_id: streamId, ...extra }));
  }

  health(name: string, channelArn: string, streamId: string, at: number) {
    return streamHealthChange(name, this.fields(channelArn, at, { stream_id: streamId }));
  }

  recording(status: string, channelArn: string, streamId: string, at: number) {
    return recordingStateChange(
      status,
      this.fields(channelArn, at, {
        recording_status_reason: status.endsWith('Failure') ? 'InternalServerException' : '',
        stream_id: streamId,
        recording_s3_bucket_name: 'day-recordings',
        recording_s3_key_prefix: `ivs/v1/${DAY_ACCOUNT}/${streamId}`,
        recording_duration_ms: 0,
        recording_session_id: `rs-${streamId}`,
      }),
    );
  }

  bitrateBreach(channelArn: string, streamId: string, at: number, exceededBy: number) {
    return limitBreach('Ingest Bitrate', this.fields(channelArn, at, { limit_value: 8500, exceeded_by: exceededBy, limit_unit: 'Kbps', stream_id: streamId }));
  }

  /** A revocation request for `viewerSessions` (as given: the malformed ones are the point), with `detail` over it. */
  revocation(id: string, time: unknown, viewerSessions: ViewerSessionPair[] | unknown[], detail: Record<string, unknown> = {}) {
    return revocationRequested(viewerSessions, { id, time, account: DAY_ACCOUNT, region: DAY_REGION, detail });
  }
}
