/**
 * `ivs-guard emulator`: serves the embedded IVS emulator until interrupted.
 */
import { startEmulator } from '../../emulator/index.ts';
import { parseOptions, UsageError } from '../args.ts';

const HELP = `usage: ivs-guard emulator [--port N] [--world FILE] [--quota real|off|xN] [--faults SPEC]

Serves the IVS and IVS real-time operations the guard uses on 127.0.0.1, so the AWS CLI
(--endpoint-url) and the SDKs (AWS_ENDPOINT_URL_IVS) work against it. Ctrl-C stops it.
`;

export async function runEmulator(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    port: { type: 'string', default: '0' },
    world: { type: 'string' },
    quota: { type: 'string' },
    faults: { type: 'string' },
  }, false);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not '${String(values.port)}'`);
  const emulator = await startEmulator({
    port,
    ...(typeof values.world === 'string' ? { world: values.world } : {}),
    ...(typeof values.quota === 'string' ? { quota: values.quota as 'real' } : {}),
    ...(typeof values.faults === 'string' ? { faults: values.faults } : {}),
  });
  process.stdout.write(`${emulator.url}\n`);
  process.stderr.write(`IVS emulator listening on ${emulator.url} (Ctrl-C to stop)\n  e.g. aws ivs list-channels --endpoint-url ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  return 0;
}
