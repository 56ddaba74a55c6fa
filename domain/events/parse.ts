/**
 * The edge: a raw EventBridge event (or an SQS record body holding one) becomes a typed `GuardEvent`,
 * or a list of rejections that name the field and say why in plain words. Never throws, whatever it
 * is given: a hostile or broken event is a rejection, not a crash.
 */
import { eventBridgeEnvelopeSchema } from './envelope.ts';
import { describeValue, quote } from '../wording.ts';
import { WHOLE_EVENT, plainWords, rejectionsFrom } from './rejections.ts';
import { DEFAULT_MODERATION_SOURCE, IVS_EVENT_CONTRACTS, requestContracts } from './schemas.ts';
import type { EventContract } from './schemas.ts';
import type { ParseResult, Rejection } from './types.ts';

export { formatRejections } from './rejections.ts';

export interface ParseOptions {
  /** The source the application's revocation requests come from; `ivs-guard.moderation` by default. */
  moderationSource?: string;
}

/** Longest part of a JSON.parse message quoted back: the message can carry a piece of the body. */
const JSON_ERROR_MAX = 200;

const reject = (field: string, reason: string): ParseResult => ({ ok: false, rejections: [{ field, reason }] });

/** Parses one EventBridge event. */
export function parseGuardEvent(raw: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parseEvent(raw, options.moderationSource ?? DEFAULT_MODERATION_SOURCE);
  } catch (error) {
    // A getter that throws, a revoked Proxy, a stack exhausted by something exotic: still a rejection.
    return reject(WHOLE_EVENT, `could not be read: ${errorMessage(error)}`);
  }
}

/** Parses the body of an SQS record that EventBridge delivered: JSON first, then the event. */
export function parseSqsRecordBody(body: string, options: ParseOptions = {}): ParseResult {
  if (typeof body !== 'string') return reject('body', `must be a string, not ${describeValue(body)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return reject('body', `not valid JSON: ${errorMessage(error)}`);
  }
  return parseGuardEvent(raw, options);
}

function parseEvent(raw: unknown, moderationSource: string): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return reject(WHOLE_EVENT, `must be an EventBridge event (a JSON object), not ${describeValue(raw)}`);
  }
  const event = raw as Record<string, unknown>;
  const contracts = [...IVS_EVENT_CONTRACTS, ...requestContractsOf(moderationSource)];
  const detailType = event['detail-type'];
  const source = event.source;
  const contract = contracts.find((candidate) => candidate.detailType === detailType && candidate.source === source);
  if (contract !== undefined) {
    const result = contract.parse(event);
    return result.ok ? result : { ok: false, rejections: rejectionsFrom(result.issues) };
  }
  return { ok: false, rejections: unroutable(event, detailType, source, contracts) };
}

/** Why no contract takes the event, after what is wrong with its envelope. */
function unroutable(event: Record<string, unknown>, detailType: unknown, source: unknown, contracts: readonly EventContract[]): Rejection[] {
  const envelope = eventBridgeEnvelopeSchema.safeParse(event, { error: plainWords });
  const rejections = envelope.success ? [] : rejectionsFrom(envelope.error.issues);
  // The envelope already says when detail-type is missing, empty or not a string.
  if (typeof detailType !== 'string' || detailType === '') return rejections;
  const sameType = contracts.filter((candidate) => candidate.detailType === detailType);
  const reason =
    sameType.length === 0
      ? `unknown detail-type ${quote(detailType)}; expected one of ${contracts.map((candidate) => `'${candidate.detailType}'`).join(', ')}`
      : `${quote(detailType)} is only accepted from source ${sameType.map((candidate) => `'${candidate.source}'`).join(' or ')}, not ${typeof source === 'string' ? quote(source) : describeValue(source)}`;
  return [{ field: 'detail-type', reason }, ...rejections.filter((rejection) => rejection.field !== 'detail-type')];
}

const requestContractsBySource = new Map<string, readonly EventContract[]>();

/** The request contracts for a source, built once (a deployment has one source; tests a few). */
function requestContractsOf(source: string): readonly EventContract[] {
  let contracts = requestContractsBySource.get(source);
  if (contracts === undefined) {
    if (requestContractsBySource.size >= 16) requestContractsBySource.clear();
    contracts = requestContracts(source);
    requestContractsBySource.set(source, contracts);
  }
  return contracts;
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.replace(/\s+/g, ' ');
  return line.length > JSON_ERROR_MAX ? `${line.slice(0, JSON_ERROR_MAX)}…` : line;
}
