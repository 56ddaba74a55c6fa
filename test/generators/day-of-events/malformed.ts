/**
 * Step 4 of a day: malformed events, each breaking one field a rejection must name. They go to a channel of
 * their own, so that what they do to the emulator's world (it follows events without checking them) cannot
 * change what the good events decide.
 */
import { dayChannelArn, DAY_REGION, DAY_START, dayStreamId, MINUTE, type DayContext } from './context.ts';

const ELSEWHERE = dayChannelArn('malformed000');
const GOOD_STREAM_ID = dayStreamId(999, 0);

type Breaking = [brokenField: string, raw: Record<string, unknown>];

/** The `index`-th way of breaking an event made at `at`: the field a rejection must name, and the event. */
function breakOne(day: DayContext, index: number, at: number): Breaking {
  const event = day.state('Stream Start', ELSEWHERE, GOOD_STREAM_ID, at);
  const detail = event.detail as Record<string, unknown>;
  switch (index % 10) {
    case 0:
      delete detail.stream_id;
      return ['detail.stream_id', event];
    case 1:
      detail.stream_id = 'st-short';
      return ['detail.stream_id', event];
    case 2:
      event.resources = [`arn:aws:ivs:${DAY_REGION}:1:channel/`];
      return ['resources[0]', event];
    case 3:
      event.time = 'yesterday at noon';
      return ['time', event];
    case 4:
      // A name IVS has not documented is processed with a note; a name that is not text is refused.
      detail.event_name = ['Stream Explosion'];
      return ['detail.event_name', event];
    case 5:
      event.detail = 'a string, not an object';
      return ['detail', event];
    case 6:
      event.id = 42;
      return ['id', event];
    case 7: {
      const other = day.recording('Recording End', ELSEWHERE, GOOD_STREAM_ID, at);
      delete (other.detail as Record<string, unknown>).recording_status;
      return ['detail.recording_status', other];
    }
    case 8:
      return ['detail.viewerSessions[0].viewerId', day.revocation(`rv-malformed-${index}`, event.time, [{ channelArn: dayChannelArn('day000'), viewerSessionVersionsLessThanOrEqualTo: 1 }])];
    default:
      return ['detail.viewerSessions', day.revocation(`rv-malformed-${index}`, event.time, [])];
  }
}

export function malformedEvents(day: DayContext, count: number): void {
  for (let m = 0; m < count; m += 1) {
    const at = DAY_START + day.between(0, 10 * 60) * MINUTE;
    const [brokenField, raw] = breakOne(day, m, at);
    day.push(at, { kind: 'malformed', brokenField, raw });
  }
}
