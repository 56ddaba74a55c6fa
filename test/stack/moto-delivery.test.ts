/**
 * What the stack's poller gives back to a body moto's EventBridge delivered: the `account` moto leaves
 * out, where EventBridge puts it; every other body untouched.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountOfArn, adaptMotoDelivery, MOTO_DELIVERY_DIFFERENCES } from '../../local/stack/moto-delivery.ts';

const QUEUE_ARN = 'arn:aws:sqs:us-west-2:123456789012:ivs-guard-local-stream';
// What moto 5.2 delivers to an SQS target (its DEFAULT_EVENT_INPUT_TEMPLATE): no "account".
const MOTO_BODY = JSON.stringify({ id: 'e-1', time: '2026-11-20T19:00:00Z', version: '0', 'detail-type': 'IVS Stream State Change', source: 'aws.ivs', region: 'us-west-2', resources: ['arn:aws:ivs:us-west-2:123456789012:channel/X'], detail: { event_name: 'Stream Start' } });

describe('moto delivery differences', () => {
  it('puts back the account of the queue, after source as EventBridge orders it, with the MD5 of the new body', () => {
    const { body, md5OfBody } = adaptMotoDelivery(MOTO_BODY, 'moto-md5', QUEUE_ARN);
    const event = JSON.parse(body) as Record<string, unknown>;
    expect(event.account).toBe('123456789012');
    expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect({ ...event, account: undefined }).toEqual({ ...(JSON.parse(MOTO_BODY) as object), account: undefined });
    expect(md5OfBody).toBe(createHash('md5').update(body).digest('hex'));
  });

  it.each([
    ['an event that has its account', JSON.stringify({ ...(JSON.parse(MOTO_BODY) as object), account: '999999999999' })],
    ['valid JSON that is not an EventBridge event', JSON.stringify({ hello: 'not an IVS event' })],
    ['a body that is not JSON', 'not json {'],
  ])('leaves %s as it is', (_, original) => {
    expect(adaptMotoDelivery(original, 'md5', QUEUE_ARN)).toEqual({ body: original, md5OfBody: 'md5' });
  });

  it('leaves the body as it is when the queue ARN names no account', () => {
    expect(adaptMotoDelivery(MOTO_BODY, 'md5', 'not-an-arn')).toEqual({ body: MOTO_BODY, md5OfBody: 'md5' });
    expect(accountOfArn('arn:aws:sqs:us-west-2:12345:q')).toBeUndefined();
  });

  it('documents each difference with what moto does, what EventBridge does, and the adaptation', () => {
    for (const difference of MOTO_DELIVERY_DIFFERENCES) {
      expect(difference.moto).not.toBe('');
      expect(difference.documentation).not.toBe('');
      expect(difference.adaptation).not.toBe('');
    }
    expect(MOTO_DELIVERY_DIFFERENCES.map((d) => d.id)).toContain('sqs-target-without-account');
  });
});
