/**
 * The requests the emulator received, in order, whatever became of them.
 */
import type { CallLog, CallRecord } from './types.ts';

export function createCallLog(): CallLog & { record(call: CallRecord): void } {
  const records: CallRecord[] = [];
  return {
    records,
    record: (call) => void records.push(call),
    counts: () => {
      const counts: Record<string, number> = {};
      for (const { operation } of records) counts[operation] = (counts[operation] ?? 0) + 1;
      return counts;
    },
    of: (operation) => records.filter((r) => r.operation === operation),
    clear: () => void records.splice(0),
  };
}
