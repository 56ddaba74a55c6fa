/**
 * The scan `test/setup.ts` runs over everything the tests write out: it sees what passes through
 * stdout, stderr and the console, finds each kind of secret wherever it sits, and says where without
 * repeating the secret.
 */
import { Console } from 'node:console';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { noteCliOutput, OutputScanner, scanConsole, scanWrites, workerScanner } from '../output-scanner.ts';

// Built at run time, so that no secret-looking literal sits in the source.
const STREAM_KEY = ['sk', 'us-west-2', 'Zx9TestOnlyNotARealKey0123456789'].join('_');
const JWT = ['eyJhbGciOiJFUzM4NCJ9', 'eyJhd3M6Y2hhbm5lbC1hcm4iOiJ4In0', 'c2lnbmF0dXJl'].join('.');
const PEM = ['-----BEGIN EC PRIVATE KEY-----', 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oY1w8r0jkeYZoAoGCCqGSM49', '-----END EC PRIVATE KEY-----'].join('\n');

function sink(): { stream: PassThrough; written: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, written: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the output scanner', () => {
  it.each([
    ['a stream key value', `{"level":"INFO","message":"Stream key rotated","value":"${STREAM_KEY}"}`],
    ['a playback token', `token=${JWT} for viewer-1`],
    ['a private key', `loaded key\n${PEM}\n`],
  ])('finds %s, and reports where and during which test without repeating it', (_, text) => {
    const scanner = new OutputScanner(() => 'the test that logged');
    scanner.note('stdout', 'an ordinary line\n');
    scanner.note('console.info', text);

    expect(scanner.findings).toEqual([{ where: 'console.info', test: 'the test that logged', excerpt: expect.stringContaining('[REDACTED]') as string }]);
    expect(JSON.stringify(scanner.findings)).not.toMatch(/sk_us-west-2_|eyJhbGci|PRIVATE KEY-----\s*MHc/);
  });

  it('fails a file that wrote a secret, naming where but not what, and passes a clean one', () => {
    const scanner = new OutputScanner();
    scanner.note('stdout', 'nothing secret: arn:aws:ivs:us-west-2:123456789012:stream-key/g1H2I3J4k5L6\n');
    expect(() => scanner.assertClean()).not.toThrow();

    scanner.note('ivs-guard replay (stdout)', `created ${STREAM_KEY}`);
    let message = '';
    try {
      scanner.assertClean();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('1 secret-looking value(s) were written out');
    expect(message).toContain('ivs-guard replay (stdout)');
    expect(message).not.toContain(STREAM_KEY);
  });

  it('sees what goes through a stream, and lets it through unchanged', () => {
    const scanner = new OutputScanner();
    const { stream, written } = sink();
    scanWrites(stream, 'stderr', () => scanner);
    scanWrites(stream, 'stderr', () => scanner);

    stream.write('first line\n');
    stream.write(Buffer.from(`second line ${STREAM_KEY}\n`));

    expect(written()).toBe(`first line\nsecond line ${STREAM_KEY}\n`);
    expect(scanner.findings.map((f) => f.where)).toEqual(['stderr']);
  });

  it('sees a secret deep inside an object logged on a console', () => {
    const scanner = new OutputScanner();
    const { stream } = sink();
    const console = new Console({ stdout: stream, stderr: stream });
    scanConsole(console, () => scanner);

    console.info('decision', { a: { b: { c: { d: { e: [{ value: STREAM_KEY }] } } } } });
    console.error('ok');

    expect(scanner.findings.map((f) => f.where)).toEqual(['console.info']);
  });

  it('scans the output of a CLI run', () => {
    const scanner = workerScanner();
    const before = scanner.scanned;
    noteCliOutput(['replay', 'events/scenarios'], { stdout: '{"events":[]}', stderr: 'done\n' });
    expect(scanner.scanned - before).toBe('{"events":[]}'.length + 'done\n'.length);
    expect(scanner.findings).toEqual([]);
  });

  it('is installed on this worker: stdout, stderr and the console pass through it', () => {
    const scanner = workerScanner();
    const marker = 'ivs-guard output scanner marker\n';
    for (const write of [(t: string) => process.stdout.write(t), (t: string) => process.stderr.write(t), (t: string) => console.info(t.trim())]) {
      const before = scanner.scanned;
      write(marker);
      expect(scanner.scanned - before).toBeGreaterThanOrEqual(marker.trim().length);
    }
  });
});
