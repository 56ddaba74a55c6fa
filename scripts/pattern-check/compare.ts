/**
 * What the pattern check makes of moto's verdicts: each pair compared with the local `matchesPattern`, each
 * disagreement explained by a known class of `local/eventbridge/known-moto-differences.ts` or left unexplained,
 * and the report printed.
 *
 * @example
 * ```ts
 * const corpus = [...knownDifferenceProbes(), ...buildCorpus(seed, pairs)];
 * const tally = compare(corpus, await askAll(oracle, corpus, started, 110_000));
 * report(tally, { via: oracle.via, seed, verbose, seconds });
 * ```
 */
import { explainMotoDifference, KNOWN_MOTO_DIFFERENCES } from '../../local/eventbridge/known-moto-differences.ts';
import { matchesPattern } from '../../local/eventbridge/pattern.ts';
import type { CorpusCase } from '../../local/eventbridge/pattern-corpus.ts';
import { envelopeFor } from './oracles.ts';
import type { Oracle } from './oracles.ts';

const PROBE_FAMILY = 'known-moto-difference';

/** One pair on which the local matcher and moto differ. */
export interface Disagreement {
  readonly caseId: string;
  readonly pattern: unknown;
  readonly event: unknown;
  readonly ours: boolean;
  readonly moto: boolean;
}

/** What the comparison found. */
export interface Tally {
  cases: number;
  pairs: number;
  agree: number;
  /** Pairs the local matcher matches. */
  matched: number;
  /** Disagreements by the known class that explains them. */
  known: Map<string, Disagreement[]>;
  unexplained: Disagreement[];
  /** Probes of a known class on which moto now agrees with the documentation. */
  agreedProbes: string[];
}

/** One case per known class, its documented example: shows every run that moto still differs there. */
export function knownDifferenceProbes(): CorpusCase[] {
  return KNOWN_MOTO_DIFFERENCES.map((difference) => ({
    id: `probe-${difference.id}`,
    family: PROBE_FAMILY,
    pattern: difference.example.pattern,
    events: [{ source: 'check.probe', detailType: 'Probe', resources: [], detail: difference.example.detail }],
  }));
}

/** moto's verdicts for every case; throws once `limitMs` have passed since `started` (a `Date.now()` time). */
export async function askAll(oracle: Oracle, corpus: readonly CorpusCase[], started: number, limitMs: number): Promise<boolean[][]> {
  const verdicts: boolean[][] = [];
  for (let next = 0; next < corpus.length; next += oracle.casesPerAsk) {
    if (Date.now() - started > limitMs) throw new Error(`stopped after ${limitMs / 1000} s with ${next} of ${corpus.length} patterns asked`);
    verdicts.push(...(await oracle.ask(corpus.slice(next, next + oracle.casesPerAsk))));
  }
  return verdicts;
}

/** Compares moto's verdict on each pair with the local matcher's. */
export function compare(corpus: readonly CorpusCase[], verdicts: readonly (readonly boolean[])[]): Tally {
  const tally: Tally = { cases: corpus.length, pairs: 0, agree: 0, matched: 0, known: new Map(), unexplained: [], agreedProbes: [] };
  for (const [caseIndex, testCase] of corpus.entries()) {
    testCase.events.forEach((event, index) => {
      const envelope = envelopeFor(event, index);
      const ours = matchesPattern(testCase.pattern, envelope);
      const theirs = verdicts[caseIndex]?.[index];
      if (theirs === undefined) throw new Error(`moto gave no verdict for case ${testCase.id} event ${index}`);
      tally.pairs += 1;
      if (ours) tally.matched += 1;
      if (ours === theirs) {
        tally.agree += 1;
        if (testCase.family === PROBE_FAMILY) tally.agreedProbes.push(testCase.id);
        return;
      }
      const disagreement = { caseId: testCase.id, pattern: testCase.pattern, event: envelope, ours, moto: theirs };
      const explanation = explainMotoDifference(testCase.pattern, envelope);
      if (explanation === undefined) tally.unexplained.push(disagreement);
      else tally.known.set(explanation.id, [...(tally.known.get(explanation.id) ?? []), disagreement]);
    });
  }
  return tally;
}

/** Prints the summary, each known class's count (with examples when verbose) and up to 20 unexplained pairs. */
export function report(tally: Tally, run: { via: string; seed: number; verbose: boolean; seconds: number }): void {
  const knownCount = [...tally.known.values()].reduce((sum, list) => sum + list.length, 0);
  console.log(`moto asked via ${run.via}; seed ${run.seed}; ${tally.cases} patterns; ${tally.matched} pairs match locally; ${run.seconds.toFixed(1)} s`);
  for (const [id, list] of tally.known) {
    console.log(`known disagreement ${id}: ${list.length}`);
    if (run.verbose) for (const item of list.slice(0, 3)) console.log(describeDisagreement(item));
  }
  for (const probe of tally.agreedProbes) console.log(`note: moto now agrees with the documentation on ${probe}; that known class may be dropped`);
  for (const item of tally.unexplained.slice(0, 20)) console.log(`UNEXPLAINED\n${describeDisagreement(item)}`);
  console.log(`pattern check: ${tally.pairs} pairs, ${tally.agree} agree, ${knownCount} known disagreements, ${tally.unexplained.length} unexplained`);
}

function describeDisagreement(disagreement: Disagreement): string {
  return `  case ${disagreement.caseId}: local ${String(disagreement.ours)}, moto ${String(disagreement.moto)}\n    pattern ${JSON.stringify(disagreement.pattern)}\n    event   ${JSON.stringify(disagreement.event)}`;
}
