/** The shapes of a generated day of events (see index.ts). */
import type { ViewerSessionPair } from '../../../domain/events/types.ts';
import type { WorldChannel } from '../../../local/emulator/index.ts';

export type DayEventKind = 'ordinary' | 'stream-start' | 'takeover-failure' | 'ceiling-start' | 'recording-failure' | 'revocation' | 'malformed';

export interface DayEvent {
  kind: DayEventKind;
  raw: Record<string, unknown>;
  /** For a malformed event: the field it breaks, as a rejection names it. */
  brokenField?: string;
  /** For a revocation request: the pairs it asks for. */
  pairs?: ViewerSessionPair[];
  /** For a takeover failure: the burst it belongs to. */
  burst?: string;
}

export interface DayBurst {
  id: string;
  channelArn: string;
  streamId: string;
  failures: number;
}

export interface Day {
  events: DayEvent[];
  /** A world file (the API's shapes) the replay seeds the emulator with. */
  world: { channels: WorldChannel[] };
  bursts: DayBurst[];
  /** Channels tagged `guard: off`: the guard never acts on them. */
  protectedChannels: string[];
  /** Channels whose seeded session broadcasts above the ingest ceiling. */
  ceilingChannels: string[];
  /** Channels tagged `compliance: record-required` whose recording fails to start in one session. */
  mustRecordChannels: string[];
}

export interface DayOptions {
  seed: number;
  /** Channels, one long broadcast each. Default 40. */
  channels?: number;
  /** Of those, how many broadcast above the ingest ceiling (seeded in the world). Default 4. */
  ceilingChannels?: number;
  /** Takeover-failure bursts past the stream-key-leak threshold (3 or 4 failures in 10 minutes). Default 5. */
  bursts?: number;
  /** Bursts that stay below it (2 failures). Default 2. */
  quietBursts?: number;
  /** Channels tagged compliance=record-required whose recording fails to start. Default 2. */
  recordingFailures?: number;
  /** Starvation start/end pairs a broadcast (events that need no IVS call). Default 22. */
  starvations?: number;
  /** Revocation requests over the day. Default 6. */
  revocations?: number;
  /** Malformed events, each breaking one named field. Default 60. */
  malformed?: number;
}
