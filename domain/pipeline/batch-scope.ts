/**
 * What one batch shares between its records: each stream session is fetched once, each channel's and stage's tags
 * once, each participant and its events once, and each action on one target is taken once.
 *
 * Records of a batch run concurrently; sharing the promise (not the result) is what makes
 * five events of one stream cost one GetStreamSession.
 */
import type { IvsPort, StagePort } from '../ports.ts';
import type { Participant, ParticipantEvent, StreamSession } from '../session.ts';

export class BatchScope {
  private readonly sessions = new Map<string, Promise<StreamSession | undefined>>();
  private readonly tags = new Map<string, Promise<Record<string, string>>>();
  private readonly participants = new Map<string, Promise<Participant | undefined>>();
  private readonly participantEventLists = new Map<string, Promise<ParticipantEvent[] | undefined>>();
  private readonly stageTagLists = new Map<string, Promise<Record<string, string>>>();
  private readonly actions = new Map<string, { eventId: string; result: Promise<unknown> }>();

  constructor(
    private readonly ivs: IvsPort,
    private readonly stage: StagePort | undefined,
  ) {}

  session(channelArn: string, streamId: string | undefined): Promise<StreamSession | undefined> {
    return memo(this.sessions, `${channelArn}|${streamId ?? 'latest'}`, () => this.ivs.getStreamSession(channelArn, streamId));
  }

  channelTags(channelArn: string): Promise<Record<string, string>> {
    return memo(this.tags, channelArn, () => this.ivs.getChannelTags(channelArn));
  }

  participant(stageArn: string, sessionId: string, participantId: string): Promise<Participant | undefined> {
    const stage = this.stage;
    if (!stage) return Promise.resolve(undefined);
    return memo(this.participants, `${stageArn}|${sessionId}|${participantId}`, () => stage.getParticipant(stageArn, sessionId, participantId));
  }

  /** The participant's events in the stage session (ListParticipantEvents); `undefined` in a function without a real-time client. */
  participantEvents(stageArn: string, sessionId: string, participantId: string): Promise<ParticipantEvent[] | undefined> {
    const stage = this.stage;
    if (!stage) return Promise.resolve(undefined);
    return memo(this.participantEventLists, `${stageArn}|${sessionId}|${participantId}`, () => stage.listParticipantEvents(stageArn, sessionId, participantId));
  }

  /** The stage's tags (ListTagsForResource), for protected stages; `undefined` in a function without a real-time client. */
  stageTags(stageArn: string): Promise<Record<string, string>> | undefined {
    const stage = this.stage;
    if (!stage) return undefined;
    return memo(this.stageTagLists, stageArn, () => stage.getStageTags(stageArn));
  }

  /**
   * Takes `run` once per key within the batch. The first caller gets `{ first: true }`; later callers
   * get the first caller's event id and share its outcome (a failure fails them too, so they retry together).
   */
  once<T>(key: string, eventId: string, run: () => Promise<T>): { first: boolean; firstEventId: string; result: Promise<T> } {
    const existing = this.actions.get(key);
    // Keys are built from the action, so the same key always carries the same result type.
    if (existing) return { first: false, firstEventId: existing.eventId, result: existing.result as Promise<T> };
    const entry = { eventId, result: run() };
    this.actions.set(key, entry);
    return { first: true, firstEventId: eventId, result: entry.result };
  }
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    cache.set(key, pending);
  }
  return pending;
}
