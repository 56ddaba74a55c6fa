/**
 * What a test file's cases exercised of its policy document: which policies some case made fire, and which of
 * each policy's `where` conditions some case made false (a condition never false is never shown to matter).
 * The guard's evaluations are watched as they happen, in this process, during each case's replay.
 */
import { observeEvaluations } from '../../domain/policy/evaluate.ts';
import { assess } from '../../domain/policy/conditions.ts';
import type { Condition, PolicyDocument } from '../../domain/policy/index.ts';
import type { ReplayReport } from '../replay/report.ts';

/** A gap in coverage, in the words the command prints. */
export interface CoverageGap {
  policy: string;
  /** Absent for a policy never fired; the condition's position in `where` otherwise. */
  condition?: number;
  message: string;
}

/** Coverage of one policy document, gathered over the cases run against it. */
export class Coverage {
  private readonly fired = new Set<string>();
  /** `policy\u0000index` of each condition some case made false. */
  private readonly madeFalse = new Set<string>();

  constructor(private readonly doc: PolicyDocument) {}

  /** Watches the guard's evaluations until the returned function is called. */
  watch(): () => void {
    return observeEvaluations((policy, facts) => {
      (policy.where ?? []).forEach((condition, index) => {
        if (assess(condition, facts).truth === 'fails') this.madeFalse.add(`${policy.name}\u0000${index}`);
      });
    });
  }

  /** Counts the policies a case's replay made fire. */
  record(report: ReplayReport): void {
    for (const event of report.events) for (const decision of event.decisions) this.fired.add(decision.policy);
  }

  /** The gaps, in document order: a policy never fired, then its conditions never false. */
  gaps(): CoverageGap[] {
    return this.doc.policies.flatMap((policy) => {
      const gaps: CoverageGap[] = [];
      if (!this.fired.has(policy.name)) gaps.push({ policy: policy.name, message: `policy ${policy.name}: never fired by a case` });
      (policy.where ?? []).forEach((condition, index) => {
        if (!this.madeFalse.has(`${policy.name}\u0000${index}`)) {
          gaps.push({ policy: policy.name, condition: index, message: `policy ${policy.name} where[${index}] (${kindOf(condition)}): never false in a case` });
        }
      });
      return gaps;
    });
  }
}

function kindOf(condition: Condition): string {
  return Object.keys(condition)[0] ?? 'condition';
}
