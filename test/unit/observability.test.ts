import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it, vi } from 'vitest';
import { guardLog } from '../../adapters/observability.ts';

describe('the pipeline log over Powertools', () => {
  it('keeps the correlation keys and redacts a stream key quoted by a rejected event', () => {
    const logger = new Logger({ serviceName: 'ivs-guard-test', logLevel: 'DEBUG' });
    const lines: string[] = [];
    const collect = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    // Powertools writes warnings and errors to stderr, the rest to stdout.
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(collect);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(collect);
    try {
      guardLog(logger).warn('event rejected', {
        messageId: 'msg-1',
        eventId: 'evt-1',
        rejections: [{ field: 'detail.note', reason: "unexpected 'sk_us-west-2_AbCdEfGhIjKlMnOpQrStUvWx'" }],
      });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }

    const text = lines.join('');
    expect(text).toContain('"eventId":"evt-1"');
    expect(text).toContain('detail.note');
    expect(text).not.toContain('sk_us-west-2_AbCdEfGhIjKlMnOpQrStUvWx');
  });
});

describe('lines below the logger level', () => {
  it.each([
    ['SILENT', [], 0],
    ['WARN', ['warn', 'error'], 2],
    ['DEBUG', ['debug', 'info', 'warn', 'error'], 4],
  ] as const)('at %s: logs %j, and reads (redacts) the fields of those %i lines only', (level, expected, reads) => {
    const logger = new Logger({ serviceName: 'ivs-guard-test', logLevel: level });
    const logged: string[] = [];
    for (const method of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(logger, method).mockImplementation(() => logged.push(method));
    let fieldReads = 0;
    const fields = {
      get eventId() {
        fieldReads += 1;
        return 'evt-1';
      },
    };
    const log = guardLog(logger);
    log.debug('d', fields);
    log.info('i', fields);
    log.warn('w', fields);
    log.error('e', fields);
    expect(logged).toEqual(expected);
    expect(fieldReads).toBe(reads);
  });
});
