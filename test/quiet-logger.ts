/**
 * Silences the adapters' Powertools logger while one test file runs (their retries and partial failures log
 * warnings the tests do not read), and restores its level after. Call it at the top level of the file.
 */
import { afterAll, beforeAll } from 'vitest';
import { logger } from '../adapters/observability.ts';

/** Sets the logger to SILENT before the file's tests, back to its level after them. */
export function quietLogger(): void {
  let level: ReturnType<typeof logger.getLevelName>;
  beforeAll(() => {
    level = logger.getLevelName();
    logger.setLogLevel('SILENT');
  });
  afterAll(() => logger.setLogLevel(level));
}
