/**
 * Differential check of the local EventBridge pattern matcher against moto.
 *
 *   npx tsx scripts/check-patterns-against-moto.ts [--seed N] [--pairs N] [--verbose]
 *
 * Starts `moto_server` on 127.0.0.1 (a free port, loopback only; local/stack/moto-server.ts), builds a
 * deterministic corpus of pattern/event pairs covering every operator (local/eventbridge/pattern-corpus.ts),
 * asks moto whether each pair matches (pattern-check/oracles.ts), compares with `matchesPattern`
 * (pattern-check/compare.ts), prints one summary line, stops moto, and exits 1 on any disagreement that no
 * class in `local/eventbridge/known-moto-differences.ts` explains (the user guide decides those),
 * 2 on a usage error, 3 when moto cannot be started (no Python with moto: set MOTO_PYTHON).
 *
 * How moto is asked: `TestEventPattern` when moto answers it. moto 5.2.x answers it with an empty
 * body (its handler is a stub), so the check then asks moto's rule engine the way EventBridge
 * delivers: a rule with the pattern on an event bus of its own, an SQS queue as its target,
 * `PutEvents` with the events, and the queue tells which were delivered. Both paths run moto's
 * own `EventPattern.matches_event`. Every request goes to 127.0.0.1 and is bounded (timeouts, a
 * fixed number of receives, a deadline for the whole run).
 */
import { parseArgs } from 'node:util';
import { buildCorpus } from '../local/eventbridge/pattern-corpus.ts';
import { MotoUnavailableError, startMoto } from '../local/stack/moto-server.ts';
import type { MotoServer } from '../local/stack/moto-server.ts';
import { askAll, compare, knownDifferenceProbes, report } from './pattern-check/compare.ts';
import { chooseOracle } from './pattern-check/oracles.ts';

const DEFAULT_SEED = 20261122;
const DEFAULT_PAIRS = 1200;
const RUN_DEADLINE_MS = 110_000;

interface Options {
  readonly seed: number;
  readonly pairs: number;
  readonly verbose: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, pairs: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  });
  const seed = Number(values.seed ?? DEFAULT_SEED);
  const pairs = Number(values.pairs ?? DEFAULT_PAIRS);
  if (!Number.isInteger(seed) || !Number.isInteger(pairs) || pairs < 1 || pairs > 5000) {
    throw new Error('usage: check-patterns-against-moto.ts [--seed INTEGER] [--pairs 1..5000] [--verbose]');
  }
  return { seed, pairs, verbose: values.verbose };
}

async function run(options: Options, moto: MotoServer): Promise<number> {
  const started = Date.now();
  const oracle = await chooseOracle(moto.endpoint);
  const corpus = [...knownDifferenceProbes(), ...buildCorpus(options.seed, options.pairs)];
  const tally = compare(corpus, await askAll(oracle, corpus, started, RUN_DEADLINE_MS));
  report(tally, { via: oracle.via, seed: options.seed, verbose: options.verbose, seconds: (Date.now() - started) / 1000 });
  return tally.unexplained.length === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  let moto: MotoServer;
  try {
    moto = await startMoto();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof MotoUnavailableError ? `pattern check unavailable: ${message}` : `pattern check failed: ${message}`);
    return error instanceof MotoUnavailableError ? 3 : 1;
  }
  const stopOnSignal = (): void => {
    void moto.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    return await run(options, moto);
  } catch (error) {
    console.error(`pattern check failed: ${error instanceof Error ? error.message : String(error)}\n${moto.tail()}`);
    return 1;
  } finally {
    await moto.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`pattern check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
