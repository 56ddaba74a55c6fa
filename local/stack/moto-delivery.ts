/**
 * Where what moto's EventBridge delivers to an SQS target differs from what EventBridge delivers,
 * and how the stack's poller puts it back before the function sees the record. Only delivery is
 * adapted here: the guard's event contract stays the documented one. (The rule engine's known
 * differences are in local/eventbridge/known-moto-differences.ts.)
 */
import { createHash } from 'node:crypto';
import { isRecord } from '../../domain/defined.ts';

/** One known difference of moto's delivery, with its source and what the stack does about it. */
export interface MotoDeliveryDifference {
  readonly id: string;
  /** What moto does, and why (its code). */
  readonly moto: string;
  /** What EventBridge does, in the documentation's words. */
  readonly documentation: string;
  readonly source: string;
  /** What the stack's poller does so the function sees what EventBridge would deliver. */
  readonly adaptation: string;
}

/** The known delivery differences (moto 5.2.x). */
export const MOTO_DELIVERY_DIFFERENCES: readonly MotoDeliveryDifference[] = [
  {
    id: 'sqs-target-without-account',
    moto:
      'a rule target without an InputTransformer is rendered through EventTemplateParser.DEFAULT_EVENT_INPUT_TEMPLATE, which lists id, time, version, detail-type, source, region, resources and detail, but not account (moto/events/utils.py), so the SQS message body has no "account"',
    documentation:
      'every event has the top-level fields version, id, detail-type, source, account, time, region, resources and detail; "account": "The 12-digit number identifying an AWS account."',
    source: 'EventBridge user guide, "Amazon EventBridge events" > "Event structure reference"',
    adaptation:
      'the poller puts back "account" (the account of the queue ARN, the bus\'s own account for a same-account rule) in each body that is an EventBridge event without one, where EventBridge places it (after "source"), and recomputes md5OfBody',
  },
];

/** The 12-digit account of an ARN (`arn:aws:sqs:REGION:ACCOUNT:NAME`), or undefined. */
export function accountOfArn(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

/** The top-level fields EventBridge puts in every event, in its order. */
const ENVELOPE_ORDER = ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'] as const;

function isEventBridgeEnvelope(value: Record<string, unknown>): boolean {
  return typeof value.id === 'string' && typeof value.source === 'string' && typeof value['detail-type'] === 'string' && 'detail' in value;
}

/**
 * The body as EventBridge would have delivered it (see MOTO_DELIVERY_DIFFERENCES), and its MD5;
 * any other body (not JSON, not an EventBridge event, or one with its account) comes back unchanged.
 */
export function adaptMotoDelivery(body: string, md5OfBody: string, queueArn: string): { body: string; md5OfBody: string } {
  const account = accountOfArn(queueArn);
  if (account === undefined) return { body, md5OfBody };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { body, md5OfBody };
  }
  if (!isRecord(parsed) || !isEventBridgeEnvelope(parsed) || 'account' in parsed) return { body, md5OfBody };
  const withAccount: Record<string, unknown> = { ...parsed, account };
  const ordered: Record<string, unknown> = {};
  for (const key of ENVELOPE_ORDER) if (key in withAccount) ordered[key] = withAccount[key];
  for (const [key, value] of Object.entries(withAccount)) if (!(key in ordered)) ordered[key] = value;
  const adapted = JSON.stringify(ordered);
  return { body: adapted, md5OfBody: createHash('md5').update(adapted).digest('hex') };
}
