/**
 * Fault injection: `throttle=p` (429 ThrottlingException), `error=p` (500 InternalServerException),
 * `drop=p` (the socket is destroyed without an answer), `lost=p` (the operation is applied, then the socket is
 * destroyed without an answer: the SDK's retry meets the consequence), `latency=ms` (added before every answer).
 * One seeded draw a request decides, so a run with the same seed fails the same requests.
 */
import type { Random } from './prng.ts';

export interface FaultSpec {
  throttle: number;
  error: number;
  drop: number;
  /** Absent when not asked for. */
  lost?: number;
  latencyMs: number;
}

export type Fault = 'throttle' | 'error' | 'drop' | 'lost';

const PROBABILITIES = ['throttle', 'error', 'drop', 'lost'] as const;
const NO_FAULTS: FaultSpec = { throttle: 0, error: 0, drop: 0, latencyMs: 0 };

/** Parses `throttle=0.3,error=0.05,latency=200,drop=0.02`; the error names the part at fault. */
export function parseFaults(spec: string | undefined): FaultSpec {
  const faults = { ...NO_FAULTS };
  const parts = (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const [name = '', value, ...rest] = part.split('=').map((s) => s.trim());
    const number = Number(value);
    const fail = (why: string): never => {
      throw new Error(`faults: '${part}' ${why} (a spec looks like throttle=0.3,error=0.05,latency=200,drop=0.02)`);
    };
    if (value === undefined || value === '' || rest.length > 0) fail('is not name=value');
    if (name === 'latency') {
      if (!Number.isInteger(number) || number < 0) fail('needs a whole number of milliseconds');
      faults.latencyMs = number;
    } else if ((PROBABILITIES as readonly string[]).includes(name)) {
      if (!Number.isFinite(number) || number < 0 || number > 1) fail('needs a probability between 0 and 1');
      faults[name as Fault] = number;
    } else {
      fail(`names no fault: known are ${['throttle', 'error', 'drop', 'latency', 'lost'].join(', ')}`);
    }
  }
  const total = faults.throttle + faults.error + faults.drop + (faults.lost ?? 0);
  if (total > 1) {
    throw new Error(`faults: throttle + error + drop${faults.lost === undefined ? '' : ' + lost'} is ${total}, more than 1`);
  }
  return faults;
}

export class FaultInjector {
  constructor(
    readonly spec: FaultSpec,
    private readonly random: Random,
  ) {}

  /** The fault for the next request, if any: one draw, against drop, then throttle, then error, then lost. */
  next(): Fault | undefined {
    const { drop, throttle, error } = this.spec;
    const lost = this.spec.lost ?? 0;
    if (drop + throttle + error + lost === 0) return undefined;
    const draw = this.random();
    if (draw < drop) return 'drop';
    if (draw < drop + throttle) return 'throttle';
    if (draw < drop + throttle + error) return 'error';
    if (draw < drop + throttle + error + lost) return 'lost';
    return undefined;
  }
}
