/**
 * The world follows the real-time events (DESIGN §4): an `IVS Stage Update` or `IVS Participant
 * Recording State Change` changes the stage, its session and the participant the way IVS had changed
 * them when it sent it, so GetParticipant, ListParticipants, ListParticipantEvents and the stage
 * session operations answer what the service would have answered then.
 *
 * A participant the world does not know joined (JOINED) when its first event happened. Each Stage
 * Update adds to its history the ListParticipantEvents event it stands for (Participant Published:
 * PUBLISH_STARTED, and the participant has published; Participant Publish Error: PUBLISH_ERROR with
 * the event's `error_code`; ...). No event reconnects a participant: a disconnected one stays so.
 */
import { IVS_LIMITS, IVS_PATTERNS } from '../../domain/limits.ts';
import type { ApplyResult } from './apply-event.ts';
import { parseArn } from './arn.ts';
import { shapeOf } from './model.ts';
import { addParticipantEvent, sessionAt } from './stage-world.ts';
import type { ParticipantEvent, ParticipantRecord } from './types.ts';
import type { EmulatorWorld } from './world.ts';
import { toIso } from './world.ts';

interface StageEventInput {
  detail: Record<string, unknown>;
  detailType: string;
  time: string;
  resource: string;
}

/** The ListParticipantEvents event each Stage Update stands for. */
const PARTICIPANT_EVENT_NAMES: Readonly<Record<string, string>> = {
  'Participant Published': 'PUBLISH_STARTED',
  'Participant Unpublished': 'PUBLISH_STOPPED',
  'Participant Publish Error': 'PUBLISH_ERROR',
  'Participant Replication Started': 'REPLICATION_STARTED',
  'Participant Replication Ended': 'REPLICATION_STOPPED',
  'Token Exchanged': 'TOKEN_EXCHANGED',
};

const RECORDING_STATES: Readonly<Record<string, string>> = {
  'Recording Start': 'ACTIVE',
  'Recording End': 'STOPPED',
  'Recording Start Failure': 'FAILED',
  'Recording End Failure': 'FAILED',
};

/** The error codes ListParticipantEvents can answer (`EventErrorCode`); another code is left out. */
const ERROR_CODES = new Set(shapeOf('ivs-realtime', 'EventErrorCode').enum ?? []);

/** Updates `world` in place with one stage event whose `time` is already ISO 8601. */
export function applyStageEvent(world: EmulatorWorld, { detail, detailType, time, resource }: StageEventInput): ApplyResult {
  if (parseArn(resource)?.resourceType !== 'stage') return { applied: false, reason: 'no stage ARN in resources[0]' };
  const sessionId = text(detail.session_id);
  const participantId = text(detail.participant_id);
  const name = text(detail.event_name);
  if (!sessionId || !participantId || !name) return { applied: false, reason: 'no detail.session_id, participant_id or event_name' };
  const when = eventTimeOf(detail) ?? time;

  const stage = world.ensureStage(resource);
  sessionAt(stage, sessionId, when);
  const participant = participantOf(stage.participants, sessionId, participantId, when);
  const userId = text(detail.user_id);
  if (userId) participant.userId = userId;

  if (detailType === 'IVS Participant Recording State Change') {
    followRecording(participant, name, detail);
  } else {
    if (name === 'Participant Published') participant.published = true;
    if (name === 'Participant Replication Started' || name === 'Participant Replication Ended') {
      participant.replicationState = name.endsWith('Started') ? 'ACTIVE' : 'STOPPED';
    }
    const event = participantEvent(name, participantId, when, detail);
    if (event) addParticipantEvent(participant, event);
  }
  return { applied: true, change: `${name} for participant ${participantId}` };
}

/** The participant, or one that joined at `time`: CONNECTED, with a JOINED event. */
function participantOf(participants: ParticipantRecord[], sessionId: string, participantId: string, time: string): ParticipantRecord {
  const known = participants.find((p) => p.sessionId === sessionId && p.participantId === participantId);
  if (known) return known;
  const joined: ParticipantRecord = {
    sessionId,
    participantId,
    state: 'CONNECTED',
    published: false,
    firstJoinTime: time,
    attributes: {},
    events: [{ name: 'JOINED', participantId, eventTime: time }],
  };
  participants.push(joined);
  return joined;
}

function followRecording(participant: ParticipantRecord, name: string, detail: Record<string, unknown>): void {
  const recordingState = RECORDING_STATES[name];
  if (recordingState) participant.recordingState = recordingState;
  const bucket = text(detail.recording_s3_bucket_name);
  const prefix = text(detail.recording_s3_key_prefix);
  if (bucket) participant.recordingS3BucketName = bucket;
  if (prefix) participant.recordingS3Prefix = prefix;
}

/** What ListParticipantEvents shows for a Stage Update, with only the fields the model allows. */
function participantEvent(name: string, participantId: string, eventTime: string, detail: Record<string, unknown>): ParticipantEvent | undefined {
  const eventName = PARTICIPANT_EVENT_NAMES[name];
  if (!eventName) return undefined;
  const errorCode = text(detail.error_code);
  const stageArn = text(detail.destination_stage_arn);
  const destinationSession = text(detail.destination_session_id);
  return {
    name: eventName,
    participantId,
    eventTime,
    ...(eventName === 'PUBLISH_ERROR' && errorCode && ERROR_CODES.has(errorCode) ? { errorCode } : {}),
    ...(stageArn && IVS_PATTERNS.stageArn.test(stageArn) ? { destinationStageArn: stageArn } : {}),
    ...(destinationSession && isStageSessionId(destinationSession) ? { destinationSessionId: destinationSession } : {}),
  };
}

function isStageSessionId(id: string): boolean {
  return id.length === IVS_LIMITS.stageSessionIdLength && IVS_PATTERNS.stageSessionId.test(id);
}

/** The detail's `event_time` when it is a time (it says when it happened; `time` when it was sent). */
function eventTimeOf(detail: Record<string, unknown>): string | undefined {
  const value = text(detail.event_time);
  return value && !Number.isNaN(Date.parse(value)) ? toIso(value) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
