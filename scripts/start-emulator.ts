/**
 * Starts the embedded IVS emulator and prints its URL as the first line of standard output (for
 * scripts such as check-emulator-conformance.py); stops on SIGINT or SIGTERM. `ivs-guard emulator`
 * without its banner; exit status 2 on any error, its message on standard error.
 *
 *   npx tsx scripts/start-emulator.ts [--port N] [--world FILE] [--quota real|off|xN] [--faults SPEC] [--seed N]
 */
import { runEmulator } from '../local/cli/commands/emulator.ts';

try {
  process.exitCode = await runEmulator(process.argv.slice(2), { banner: false });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
