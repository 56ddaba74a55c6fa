/**
 * `npm run bench [economy|quota|cold-start|replay ...]`: the figures behind DESIGN §5's budgets.
 * Prints them; asserts nothing. Run it on a quiet machine: the figures are only as steady as the host.
 */

// As in a replay: the handlers' logs and metrics stay quiet, so what is measured is the guard.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted('economy')) {
  const { measureApiEconomy } = await import('./api-economy.ts');
  console.log('\n## API economy (budget: 1 GetStreamSession per stream per batch, 0 when no policy needs it, 1 action per target per batch)');
  console.table(await measureApiEconomy());
}
if (wanted('quota')) {
  const { measureQuotaDrain } = await import('./quota-drain.ts');
  console.log('\n## Quota drain (budget: within 1.15x of the documented quotas, nothing lost)');
  console.table(await measureQuotaDrain());
}
if (wanted('cold-start')) {
  const { measureColdStart } = await import('./cold-start.ts');
  console.log('\n## Cold start (budget: bundle < 400 KB minified, load within 1.3x of a bare bundle)');
  console.table(await measureColdStart());
}
if (wanted('replay')) {
  const { measureReplay } = await import('./replay-throughput.ts');
  console.log('\n## Local replay (budget: >= 1,000 events/s on 2 cores)');
  console.table(await measureReplay());
}
