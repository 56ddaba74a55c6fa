/**
 * In-memory fakes of the domain ports, for pipeline tests. Each records its calls and can be told to fail.
 */
import type { ViewerSessionPair } from '../../domain/events/types.ts';
import type { GuardError } from '../../domain/errors.ts';
import type { AuditPort, DecisionRecord, IvsPort, RevocationResult, StagePort } from '../../domain/ports.ts';
import type { Participant, ParticipantEvent, ParticipantSummary, StreamSession } from '../../domain/session.ts';

export type Call = { op: string; args: unknown[] };

/** Failure plan: the next `times` calls of `op` throw `error`. */
interface PlannedFailure<Op extends string> {
  op: Op;
  error: GuardError;
  times: number;
  /** Only when the call is about this (its subject: usually the channel ARN). */
  when?: string;
}

/** What every fake port shares: the calls it received, and failures it can be told to throw. */
export abstract class Recorder<Op extends string = string> {
  readonly calls: Call[] = [];
  private readonly failures: Array<PlannedFailure<Op>> = [];

  failNext(op: Op, error: GuardError, times = 1, when?: string): this {
    this.failures.push({ op, error, times, ...(when === undefined ? {} : { when }) });
    return this;
  }

  callsOf(op: Op): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** Records the call; throws a planned failure if one applies to `op` and `subject`. */
  protected take(op: Op, subject: unknown, args: unknown[]): void {
    this.calls.push({ op, args });
    const failure = this.failures.find((f) => f.op === op && f.times > 0 && (f.when === undefined || f.when === subject));
    if (failure) {
      failure.times -= 1;
      throw failure.error;
    }
  }

  protected record(op: Op, ...args: unknown[]): void {
    this.take(op, args[0], args);
  }
}

export class FakeIvs extends Recorder implements IvsPort {
  readonly sessions = new Map<string, StreamSession>();
  readonly tags = new Map<string, Record<string, string>>();
  readonly live = new Set<string>();

  withSession(channelArn: string, session: StreamSession): this {
    this.sessions.set(channelArn, session);
    this.live.add(channelArn);
    return this;
  }

  getStreamSession(channelArn: string, streamId?: string): Promise<StreamSession | undefined> {
    return this.run(() => this.record('GetStreamSession', channelArn, streamId), () => this.sessions.get(channelArn));
  }

  getChannelTags(channelArn: string): Promise<Record<string, string>> {
    return this.run(() => this.record('ListTagsForResource', channelArn), () => this.tags.get(channelArn) ?? {});
  }

  stopStream(channelArn: string): Promise<'stopped' | 'not-broadcasting'> {
    return this.run(
      () => this.record('StopStream', channelArn),
      () => (this.live.delete(channelArn) ? 'stopped' : 'not-broadcasting'),
    );
  }

  rotateStreamKey(channelArn: string): Promise<{ deletedKeyArns: string[]; newKeyArn: string }> {
    return this.run(
      () => this.record('RotateStreamKey', channelArn),
      () => ({ deletedKeyArns: [`${keyArn(channelArn)}-old`], newKeyArn: `${keyArn(channelArn)}-new` }),
    );
  }

  deleteStreamKey(channelArn: string): Promise<{ deletedKeyArns: string[] }> {
    return this.run(() => this.record('DeleteStreamKey', channelArn), () => ({ deletedKeyArns: [keyArn(channelArn)] }));
  }

  putMetadata(channelArn: string, text: string): Promise<void> {
    return this.run(() => this.record('PutMetadata', channelArn, text), () => undefined);
  }

  revokeViewerSessions(pairs: ViewerSessionPair[]): Promise<RevocationResult> {
    return this.run(() => this.record('BatchStartViewerSessionRevocation', pairs), () => ({ revoked: pairs.length, failed: [] }));
  }

  private async run<T>(record: () => void, answer: () => T): Promise<T> {
    await Promise.resolve();
    record();
    return answer();
  }
}

export class FakeStage extends Recorder implements StagePort {
  readonly participants = new Map<string, Participant>();

  async getParticipant(stageArn: string, sessionId: string, participantId: string): Promise<Participant | undefined> {
    await Promise.resolve();
    this.record('GetParticipant', stageArn, sessionId, participantId);
    return this.participants.get(participantId);
  }

  /** ListParticipantEvents answers, by participant id. */
  readonly events = new Map<string, ParticipantEvent[]>();
  /** ListParticipants answers: every participant of the stage session, filtered by user id on the way out. */
  readonly summaries: ParticipantSummary[] = [];
  /** GetStage's active session id, by stage ARN. */
  readonly activeSessions = new Map<string, string>();
  /** ListTagsForResource answers, by stage ARN. */
  readonly tags = new Map<string, Record<string, string>>();

  async disconnectParticipant(stageArn: string, participantId: string, reason?: string): Promise<void> {
    await Promise.resolve();
    this.record('DisconnectParticipant', stageArn, participantId, reason);
    const connected = this.summaries.find((summary) => summary.participantId === participantId);
    if (connected) connected.state = 'DISCONNECTED';
  }

  async listParticipantEvents(stageArn: string, sessionId: string, participantId: string): Promise<ParticipantEvent[]> {
    await Promise.resolve();
    this.record('ListParticipantEvents', stageArn, sessionId, participantId);
    return this.events.get(participantId) ?? [];
  }

  async listParticipants(stageArn: string, sessionId: string, filter: { userId: string }): Promise<ParticipantSummary[]> {
    await Promise.resolve();
    this.record('ListParticipants', stageArn, sessionId, filter);
    return this.summaries.filter((summary) => summary.userId === filter.userId).map((summary) => ({ ...summary }));
  }

  async getActiveSessionId(stageArn: string): Promise<string | undefined> {
    await Promise.resolve();
    this.record('GetStage', stageArn);
    return this.activeSessions.get(stageArn);
  }

  async getStageTags(stageArn: string): Promise<Record<string, string>> {
    await Promise.resolve();
    this.record('ListTagsForResource', stageArn);
    return this.tags.get(stageArn) ?? {};
  }
}

export class FakeAudit extends Recorder implements AuditPort {
  readonly published: DecisionRecord[] = [];

  async publish(decisions: DecisionRecord[]): Promise<void> {
    await Promise.resolve();
    this.record('PutEvents', decisions);
    this.published.push(...decisions);
  }
}

function keyArn(channelArn: string): string {
  return channelArn.replace(':channel/', ':stream-key/');
}
