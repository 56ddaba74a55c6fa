import { describe, expect, it } from 'vitest';
import { compareCase } from '../../local/policy-test/compare.ts';
import type { Expectation } from '../../local/policy-test/schema.ts';
import { summarize } from '../../local/replay/report.ts';
import type { ReportEvent } from '../../local/replay/report.ts';

const leak: ReportEvent = {
  id: 'e-2',
  detailType: 'IVS Stream State Change',
  name: 'Stream Takeover Failure',
  origin: 't.yml:4',
  functions: ['stream'],
  status: 'processed',
  attempts: 1,
  decisions: [
    {
      policy: 'stream-key-leak',
      mode: 'enforce',
      evidence: ['Stream Takeover Failure on channel/x', '3 stream takeover failures in 402 s'],
      actions: [
        { type: 'rotateStreamKey', target: 'channel/x', status: 'applied' },
        { type: 'stopStream', target: 'channel/x', status: 'skipped', reason: 'protected channel: tag guard=off' },
      ],
    },
  ],
};
const quiet: ReportEvent = { ...leak, id: 'e-1', decisions: [] };
const rejected: ReportEvent = { ...leak, id: 'e-3', status: 'rejected', error: 'detail.event_name: must not be empty', decisions: [] };
const report = summarize([quiet, leak], { StopStream: 0, GetStreamSession: 2 }, []);
const decision = { policy: 'stream-key-leak' };

describe('compareCase', () => {
  it.each<[string, Expectation]>([
    ['the last event by default', { decisions: [decision] }],
    ['an earlier event by position', { event: 1, decisions: [] }],
    ['actions, short and long form', { decisions: [{ ...decision, actions: [{ rotateStreamKey: 'applied' }, { type: 'stopStream', status: 'skipped', reason: 'protected' }] }] }],
    ['evidence as substrings', { decisions: [{ ...decision, evidence: ['3 stream takeover', 'on channel/x'] }] }],
    ['api calls counted, zero when absent', { apiCalls: { GetStreamSession: 2, StopStream: 0, PutMetadata: 0 } }],
  ])('passes: %s', (_, expectation) => expect(compareCase([expectation], report)).toEqual([]));

  it.each<[string, Expectation, string, string]>([
    ['a decision where none is expected', { decisions: [] }, 'expect[0].decisions', 'no decision'],
    ['a wrong mode', { decisions: [{ ...decision, mode: 'dry-run' }] }, 'expect[0].decisions[0].mode', 'dry-run'],
    ['a wrong action status', { decisions: [{ ...decision, actions: [{ rotateStreamKey: 'planned' }, { stopStream: 'skipped' }] }] }, 'expect[0].decisions[0].actions[0]', 'rotateStreamKey: planned'],
    ['a missing action', { decisions: [{ ...decision, actions: [{ rotateStreamKey: 'applied' }] }] }, 'expect[0].decisions[0].actions', 'rotateStreamKey: applied'],
    ['evidence not there', { decisions: [{ ...decision, evidence: 'within 600 s' }] }, 'expect[0].decisions[0].evidence', "a line with 'within 600 s'"],
    ['a wrong status', { status: 'ignored' }, 'expect[0].status', 'ignored'],
    ['a wrong count', { apiCalls: { GetStreamSession: 1 } }, 'expect[0].apiCalls.GetStreamSession', '1 GetStreamSession'],
  ])('fails: %s, naming the field', (_, expectation, field, expected) => {
    const [mismatch, ...more] = compareCase([expectation], report);

    expect(more).toEqual([]);
    expect(mismatch).toMatchObject({ field, expected });
  });

  it('checks a rejection by a substring of its reason', () => {
    const withRejection = summarize([rejected], {}, []);

    expect(compareCase([{ status: 'rejected', rejected: 'event_name' }], withRejection)).toEqual([]);
    expect(compareCase([{ rejected: 'stream_id' }], withRejection)).toMatchObject([{ field: 'expect[0].rejected', actual: 'rejected: detail.event_name: must not be empty' }]);
  });
});
