/**
 * Starts the embedded IVS emulator and prints its URL as the first line of standard output (for
 * scripts such as check-emulator-conformance.py); stops on SIGINT or SIGTERM.
 *
 *   npx tsx scripts/start-emulator.ts [--port N] [--world FILE] [--quota real|off|xN] [--faults SPEC] [--seed N]
 */
import { parseArgs } from 'node:util';
import type { QuotaMode } from '../local/emulator/index.ts';
import { startEmulator } from '../local/emulator/index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    world: { type: 'string' },
    quota: { type: 'string' },
    faults: { type: 'string' },
    seed: { type: 'string' },
  },
});

try {
  const emulator = await startEmulator({
    port: Number(values.port),
    ...(values.world ? { world: values.world } : {}),
    ...(values.quota ? { quota: values.quota as QuotaMode } : {}),
    ...(values.faults ? { faults: values.faults } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  process.stdout.write(`${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
