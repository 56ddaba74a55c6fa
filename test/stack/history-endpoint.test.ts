/**
 * `ivs-guard history --live --endpoint-url URL`: the option's usage errors (the stack test reads a
 * running stack's ledger with it).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../e2e/cli.ts';

describe('history --endpoint-url', () => {
  it.each([
    ['without --live', ['history', '--endpoint-url', 'http://127.0.0.1:4566'], /--endpoint-url name the deployed ledger; they go with --live/],
    ['not an http(s) URL', ['history', '--live', '--endpoint-url', 'ftp://127.0.0.1:4566', '--region', 'us-west-2'], /--endpoint-url must be an http\(s\) URL, not 'ftp:\/\/127\.0\.0\.1:4566'/],
    ['not a URL', ['history', '--live', '--endpoint-url', '127.0.0.1:4566x', '--region', 'us-west-2'], /--endpoint-url must be an http\(s\) URL/],
  ])('refuses --endpoint-url %s', async (_, args, message) => {
    const result = await runCli(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });
});
