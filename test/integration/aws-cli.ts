/**
 * Runs the AWS CLI v1 installed on the machine (botocore's own serializers and parsers) against an
 * emulator, with dummy credentials and no local AWS configuration.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `aws ARGS --endpoint-url <url> --output json`, its exit status and output. */
export async function awsCli(url: string, ...args: string[]): Promise<CliRun> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_MAX_ATTEMPTS: '1',
  };
  try {
    const { stdout, stderr } = await promisify(execFile)('aws', [...args, '--endpoint-url', url, '--output', 'json'], { env, timeout: 40_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
