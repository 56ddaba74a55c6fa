/**
 * `npm run bench [-- --json] [-- --quick]`: every figure of DESIGN §5 and issue #9, each beside its budget,
 * measured side by side in one run. `--json` prints them as JSON; otherwise a table. `--only NAME[,NAME]`
 * measures only those figures (throttle, drain, throughput, memory, cold-start, economy). `--quick` replays
 * the throttle scenario at a tenth of its size (220 events over 50 streams, 10 attacked), the quota drain
 * on 50 events instead of 200 and the memory figure on 10,000 events, for a shared machine. Asserts
 * nothing: the figures are as steady as the host.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set((args[onlyAt + 1] ?? '').split(','));
const FIGURES = ['throttle', 'drain', 'throughput', 'memory', 'cold-start', 'economy'];
for (const name of only ?? []) if (!FIGURES.includes(name)) throw new Error(`--only: no figure named ${JSON.stringify(name)}; the figures: ${FIGURES.join(', ')}`);
const wanted = (name: string) => only === undefined || only.has(name);

interface Figure {
  figure: string;
  measured: number | null;
  budget: string;
  met: boolean | null;
  detail?: unknown;
}
const figures: Figure[] = [];
const atMost = (figure: string, measured: number, budget: number, detail?: unknown) => figures.push({ figure, measured, budget: `<= ${budget}`, met: measured <= budget, detail });
const atLeast = (figure: string, measured: number, budget: number, detail?: unknown) => figures.push({ figure, measured, budget: `>= ${budget}`, met: measured >= budget, detail });

if (wanted('throttle')) {
  const { replayBurst, THROTTLE_SIZES, FAULTS, LATENCY_ONLY } = await import('./throttle.ts');
  const size = quick ? THROTTLE_SIZES.quick : THROTTLE_SIZES.full;
  const calm = await replayBurst(size, LATENCY_ONLY);
  const faulty = await replayBurst(size, FAULTS);
  atMost(`throttle scenario (${size.events} events, ${size.streams} streams, ${size.attacked} attacked): faults / latency only, paced retries`, Number((faulty.seconds / calm.seconds).toFixed(2)), 2, { calm, faulty });
  figures.push({ figure: 'events lost in the faulty replay', measured: faulty.lost, budget: '= 0', met: faulty.lost === 0 });
  // The SDK's adaptive mode, for comparison; at the quick size, since at full size it takes many minutes.
  const adaptive = await replayBurst(THROTTLE_SIZES.quick, FAULTS, 'sdk-adaptive');
  const adaptiveCalm = quick ? calm : await replayBurst(THROTTLE_SIZES.quick, LATENCY_ONLY);
  figures.push({ figure: `(comparison) the same at ${THROTTLE_SIZES.quick.events} events with the SDK's adaptive retries`, measured: Number((adaptive.seconds / adaptiveCalm.seconds).toFixed(2)), budget: '<= 2', met: adaptive.seconds / adaptiveCalm.seconds <= 2, detail: { adaptive, calm: adaptiveCalm } });
}

if (wanted('drain')) {
  const { measureQuotaDrain } = await import('./quota-drain.ts');
  // At the documented rates (5 TPS): 200 events take 40 s, 50 (quick) 10 s.
  const drain = await measureQuotaDrain(quick ? 50 : 200);
  atMost(`quota drain (${drain.events} events, documented quotas) / the time they allow`, drain.ratio!, 1.1, drain);
}

if (wanted('throughput')) {
  const { measureReplay } = await import('./replay-throughput.ts');
  const throughput = await measureReplay();
  atLeast('replay throughput, events/s, ordinary day, one process', Math.round(throughput.perSecond), 3000, throughput);
}

if (wanted('memory')) {
  const { measureReplayMemory } = await import('./replay-memory.ts');
  const memory = await measureReplayMemory(quick ? 10_000 : 100_000);
  atMost(`replay of ${memory.events} events (ivs-guard replay FILE.jsonl --output table): peak memory, MB`, memory.peakMb, 400, memory);
}

if (wanted('cold-start')) {
  const { measureColdStart } = await import('./cold-start.ts');
  const bundles = await measureColdStart();
  const functions = bundles.slice(1);
  atMost('largest function bundle, minified, KB', Math.max(...functions.map((b) => Number(b.kb))), 400, bundles);
  atMost('load time of a bundle / the bare bundle (the worst)', Math.max(...functions.map((b) => Number(b.ratio))), 1.3);
}

if (wanted('economy')) {
  const { measureApiEconomy } = await import('./api-economy.ts');
  const economy = await measureApiEconomy();
  atMost('GetStreamSession per (stream, batch)', economy['GetStreamSession per (stream, batch)']!, 1);
  atMost('StopStream calls for one target in one batch', economy['StopStream calls for one target in one batch, at most']!, 1);
  atMost('GetStreamSession for events no policy needs', economy['GetStreamSession for 10 events no policy needs']!, 0);
}

if (json) {
  console.log(JSON.stringify({ quick, figures }, null, 2));
} else {
  console.table(figures.map(({ figure, measured, budget, met }) => ({ figure, measured, budget, met: met === null ? '' : met ? 'met' : 'NOT met' })));
}
