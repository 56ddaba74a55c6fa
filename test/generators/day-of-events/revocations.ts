/**
 * Step 3 of a day: revocation requests from the application's moderation, one channel's pairs each with one
 * pair elsewhere; now and then on the protected channel, whose pairs the guard must leave out.
 */
import type { ViewerSessionPair } from '../../../domain/events/types.ts';
import { DAY_START, iso, MINUTE, SECOND, type DayContext } from './context.ts';

export function revocations(day: DayContext, count: number, regularArns: string[], protectedArn: string | undefined): void {
  for (let r = 0; r < count; r += 1) {
    const at = DAY_START + day.between(0, 10 * 60) * MINUTE + day.between(0, 59) * SECOND;
    const channelArn = r % 4 === 3 ? (protectedArn ?? '') : (regularArns[day.between(0, regularArns.length - 2)] ?? '');
    const other = regularArns[day.between(0, regularArns.length - 2)] ?? '';
    const pairs: ViewerSessionPair[] = Array.from({ length: day.between(1, 4) }, (_, p) => ({
      channelArn: p === 0 ? other : channelArn,
      viewerId: `viewer-${r}-${p}`,
      viewerSessionVersionsLessThanOrEqualTo: day.between(0, 1000),
    }));
    day.push(at, { kind: 'revocation', pairs, raw: day.revocation(day.nextId('rv'), iso(at), pairs, { reason: 'abuse report' }) });
  }
}
