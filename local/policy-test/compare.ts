/**
 * What a case expected against what its replay did: one mismatch per field that differs, each naming the field
 * (`expect[0].decisions[0].actions[1]`) and saying both sides in the words of the test file.
 */
import type { ReplayReport, ReportAction, ReportDecision, ReportEvent } from '../replay/report.ts';
import type { ExpectedAction, ExpectedDecision, Expectation } from './schema.ts';

/** One field that differs. `event` is the 1-based position of the event it is about; absent for the whole case. */
export interface Mismatch {
  event?: number;
  field: string;
  expected: string;
  actual: string;
}

/** Every way `report` differs from `expectations`; none when the case passes. */
export function compareCase(expectations: readonly Expectation[], report: ReplayReport): Mismatch[] {
  return expectations.flatMap((expectation, index) => compareOne(expectation, `expect[${index}]`, report));
}

function compareOne(expectation: Expectation, at: string, report: ReplayReport): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const position = expectation.event ?? report.events.length;
  const event = report.events[position - 1];
  const differ = (field: string, expected: string, actual: string) => mismatches.push({ event: position, field: `${at}.${field}`, expected, actual });
  if (event === undefined) return [{ event: position, field: `${at}.event`, expected: `event ${position}`, actual: `the replay reported ${report.events.length} events` }];

  if (expectation.status !== undefined && expectation.status !== event.status) differ('status', expectation.status, describeStatus(event));
  if (expectation.rejected !== undefined && !(event.status !== 'processed' && event.status !== 'ignored' && (event.error ?? '').includes(expectation.rejected))) {
    differ('rejected', `${event.status === 'failed' ? 'failed' : 'rejected'}: …${expectation.rejected}…`, describeStatus(event));
  }
  if (expectation.decisions !== undefined) compareDecisions(expectation.decisions, event, differ);
  for (const [operation, count] of Object.entries(expectation.apiCalls ?? {})) {
    const actual = report.summary.apiCalls[operation] ?? 0;
    if (actual !== count) mismatches.push({ field: `${at}.apiCalls.${operation}`, expected: `${count} ${operation}`, actual: `${actual} ${operation} (all calls: ${describeCalls(report.summary.apiCalls)})` });
  }
  return mismatches;
}

type Differ = (field: string, expected: string, actual: string) => void;

function compareDecisions(expected: readonly ExpectedDecision[], event: ReportEvent, differ: Differ): void {
  const actual = event.decisions;
  const expectedNames = expected.map((d) => d.policy);
  const actualNames = actual.map((d) => d.policy);
  if (expectedNames.join('\u0000') !== actualNames.join('\u0000')) {
    differ('decisions', expected.length === 0 ? 'no decision' : expectedNames.join(', '), actual.length === 0 ? `no decision (${describeStatus(event)})` : actual.map(describeDecision).join('; '));
    return;
  }
  expected.forEach((wanted, index) => {
    const got = actual[index] as ReportDecision;
    const at = `decisions[${index}]`;
    if (wanted.mode !== undefined && wanted.mode !== got.mode) differ(`${at}.mode`, wanted.mode, got.mode);
    if (wanted.actions !== undefined) compareActions(wanted.actions, got.actions, at, differ);
    const evidence = wanted.evidence === undefined ? [] : typeof wanted.evidence === 'string' ? [wanted.evidence] : wanted.evidence;
    for (const [e, text] of evidence.entries()) {
      if (!got.evidence.some((line) => line.includes(text))) differ(`${at}.evidence${typeof wanted.evidence === 'string' ? '' : `[${e}]`}`, `a line with '${text}'`, got.evidence.join(' | ') || 'no evidence');
    }
  });
}

function compareActions(expected: readonly ExpectedAction[], actual: readonly ReportAction[], at: string, differ: Differ): void {
  if (expected.length !== actual.length) {
    differ(`${at}.actions`, expected.map(describeExpectedAction).join(', ') || 'no action', actual.map(describeAction).join(', ') || 'no action');
    return;
  }
  expected.forEach((wanted, index) => {
    const got = actual[index] as ReportAction;
    const { type, status, reason } = normalize(wanted);
    const matches = type === got.type && (status === undefined || status === got.status) && (reason === undefined || (got.reason ?? '').includes(reason));
    if (!matches) differ(`${at}.actions[${index}]`, describeExpectedAction(wanted), describeAction(got));
  });
}

function normalize(action: ExpectedAction): { type: string; status?: string; reason?: string } {
  if ('type' in action && typeof action.type === 'string') return action as { type: string; status?: string; reason?: string };
  const [entry] = Object.entries(action as Record<string, string>);
  return entry === undefined ? { type: '' } : { type: entry[0], status: entry[1] };
}

function describeExpectedAction(action: ExpectedAction): string {
  const { type, status, reason } = normalize(action);
  return `${type}: ${status ?? 'any status'}${reason === undefined ? '' : ` (…${reason}…)`}`;
}

function describeAction(action: ReportAction): string {
  return `${action.type}: ${action.status}${action.reason ? ` (${action.reason})` : ''}`;
}

function describeDecision(decision: ReportDecision): string {
  return `${decision.policy}${decision.mode === 'dry-run' ? ' (dry-run)' : ''}: ${decision.actions.map(describeAction).join(', ') || 'no action'}`;
}

function describeStatus(event: ReportEvent): string {
  return event.error ? `${event.status}: ${event.error}` : event.status;
}

function describeCalls(calls: Record<string, number>): string {
  return Object.entries(calls).map(([operation, n]) => `${operation} ${n}`).join(', ') || 'none';
}
