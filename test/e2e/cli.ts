/**
 * Runs the `ivs-guard` CLI as a process, the way a user does.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { noteCliOutput } from '../output-scanner.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/ivs-guard.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      // The child's output never passes through this worker's stdout: hand it to the secrets scan.
      noteCliOutput(args, { stdout, stderr });
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}
