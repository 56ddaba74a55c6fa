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
