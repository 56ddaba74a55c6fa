/**
 * `ivs-guard emulator`: serves the embedded IVS emulator until interrupted.
 */
import { startEmulator } from '../../emulator/index.ts';
import { checkOption, parseOptions, UsageError } from '../args.ts';
import { banner, parseFaults, quotaMultiplier } from '../../emulator/index.ts';

const HELP = `usage: ivs-guard emulator [--port N] [--world FILE] [--quota real|off|xN] [--faults SPEC] [--seed N]

Serves the IVS and IVS real-time operations the guard uses on 127.0.0.1, so the AWS CLI
(--endpoint-url) and the SDKs (AWS_ENDPOINT_URL_IVS) work against it. Ctrl-C stops it.

options:
  --port N          the port (default 0: any free one; the URL is printed on stdout)
  --world FILE      seed it: channels, stream keys, sessions, stages (JSON or YAML)
  --quota MODE      request quotas: real, off (default) or xN
  --faults SPEC     faults, e.g. throttle=0.3,error=0.05,latency=200,drop=0.02
  --seed N          seeds the faults and the ids of created resources, so runs repeat (default 1)
`;

/**
 * Runs `ivs-guard emulator` until SIGINT or SIGTERM; resolves to its exit status. The URL is the first line of
 * standard output; `banner: false` leaves out the how-to-use banner on standard error (scripts/start-emulator.ts).
 */
export async function runEmulator(args: string[], { banner: showBanner = true }: { banner?: boolean } = {}): Promise<number> {
  const { values } = parseOptions(args, {
    usage: HELP,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: '0' },
      world: { type: 'string' },
      quota: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${String(values.port)}'`);
  checkOption('--faults', () => typeof values.faults === 'string' && parseFaults(values.faults));
  checkOption('--quota', () => typeof values.quota === 'string' && quotaMultiplier(values.quota));
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, not '${String(values.seed)}'`);
  const emulator = await startEmulator({
    port,
    ...(typeof values.world === 'string' ? { world: values.world } : {}),
    ...(typeof values.quota === 'string' ? { quota: values.quota as 'real' } : {}),
    ...(typeof values.faults === 'string' ? { faults: values.faults } : {}),
    ...(seed !== undefined ? { seed } : {}),
  });
  process.stdout.write(`${emulator.url}\n`);
  if (showBanner) process.stderr.write(banner(emulator.url));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  return 0;
}
