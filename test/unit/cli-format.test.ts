import { describe, expect, it } from 'vitest';
import { render, tableCells, TEXT_COLUMNS } from '../../local/cli/format.ts';
import { summarize } from '../../local/replay/report.ts';
import type { ReportEvent } from '../../local/replay/report.ts';

const CHANNEL = 'arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1';
const COOLDOWN = 'cooldown: stopStream on arn:aws:ivs:us-west-2:123456789012:channel/LeakyChannel1 was done at 2026-11-20T19:09:52Z; next allowed after 2026-11-20T19:14:52Z';
const events: ReportEvent[] = [
  { id: 'e-1', detailType: 'IVS Stream State Change', name: 'Stream Takeover Failure', channelArn: CHANNEL, origin: 'a:1', functions: ['stream'], status: 'processed', attempts: 1,
    decisions: [{ policy: 'stream-key-leak', mode: 'enforce', evidence: ['3 stream takeover failures in 402 s'], actions: [{ type: 'stopStream', target: CHANNEL, status: 'skipped', reason: COOLDOWN }] }] },
  { id: 'a:2', detailType: '', name: '', origin: 'a:2', functions: [], status: 'rejected', error: 'not valid JSON: Expected \',\' or \'}\' after property value in JSON at position 77', attempts: 0, decisions: [] },
];
const report = summarize(events, { StopStream: 0 }, []);

describe('the replay table', () => {
  it.each([[60], [80], [120]])('fits %i columns', (width) => {
    const lines = render(report, 'table', undefined, width).split('\n');
    const tableLines = lines.filter((l) => /^[+|]/.test(l));

    expect(Math.max(...tableLines.map((l) => l.length))).toBeLessThanOrEqual(width);
  });

  it('lists skip reasons and rejections whole under why:', () => {
    const out = render(report, 'table', undefined, 60);

    expect(out).toContain(`why:\n  stream-key-leak on e-1: 3 stream takeover failures in 402 s\n    stopStream skipped: ${COOLDOWN}`);
    expect(out).toContain(`  a:2: rejected: ${events[1]!.error!}`);
  });
});

describe('the replay table: what stands in the channel column', () => {
  const STAGE = 'arn:aws:ivs:us-west-2:123456789012:stage/abcdABCDefgh';
  const base = { id: 'e-9', origin: 'a:9', functions: ['stage'], status: 'processed' as const, attempts: 1, decisions: [] };
  it.each<[string, ReportEvent, string]>([
    ['a channel event: its channel', { ...base, detailType: 'IVS Stream State Change', name: 'Stream Start', channelArn: CHANNEL }, 'channel/LeakyChannel1'],
    ['a stage event: its stage', { ...base, detailType: 'IVS Stage Update', name: 'Participant Published', stageArn: STAGE }, 'stage/abcdABCDefgh'],
    ['a disconnect request: the stage it names', { ...base, detailType: 'Participant Disconnect Requested', name: 'Participant Disconnect Requested', stageArn: STAGE }, 'stage/abcdABCDefgh'],
    ['an event about neither', { ...base, detailType: 'IVS Limit Breach', name: 'Concurrent Viewers' }, '-'],
  ])('%s', (_, event, cell) => {
    expect(tableCells(event)[1]).toBe(cell);
  });
});

describe('--output text', () => {
  it('starts with a header row and ends with a labelled summary', () => {
    const lines = render(report, 'text').split('\n');

    expect(lines[0]).toBe(TEXT_COLUMNS.join('\t'));
    expect(lines[1]!.split('\t')).toHaveLength(TEXT_COLUMNS.length);
    expect(lines.at(-1)).toBe('SUMMARY\tevents=2\tprocessed=1\tignored=0\trejected=1\tfailed=0\tapplied=0\tplanned=0\tskipped=1\tactionsFailed=0');
  });
});
