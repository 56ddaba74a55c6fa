import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, expect } from 'vitest';
import type { DecisionRecord } from '../domain/ports.ts';
import { FakeAudit } from './fakes/ivs-fake.ts';
import { noteAuditEntries, scanConsole, scanWrites, workerScanner } from './output-scanner.ts';

// Metrics are asserted through the pipeline's port; the Powertools sink stays quiet in tests.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

// No stream key value, token or private key may be written out, by any test (DESIGN §1, STYLE 11):
// everything this worker writes (logs through Powertools or the console, CLI reports written in-process)
// and every decision a fake audit bus receives is scanned, and the file fails if a secret went by.
const scanner = () => workerScanner(() => expect.getState().currentTestName);
scanWrites(process.stdout, 'stdout', scanner);
scanWrites(process.stderr, 'stderr', scanner);
scanConsole(console, scanner);

const AUDIT_MARK = Symbol.for('ivs-guard.output-scanner.fake-audit');
const fakeAudit = FakeAudit.prototype as FakeAudit & { [AUDIT_MARK]?: true };
if (!fakeAudit[AUDIT_MARK]) {
  const publish = Object.getOwnPropertyDescriptor(FakeAudit.prototype, 'publish')?.value as FakeAudit['publish'];
  Object.defineProperty(FakeAudit.prototype, 'publish', {
    value(this: FakeAudit, decisions: DecisionRecord[]) {
      noteAuditEntries('audit bus (FakeAudit)', decisions);
      return publish.call(this, decisions);
    },
    writable: true,
    configurable: true,
  });
  fakeAudit[AUDIT_MARK] = true;
}

afterAll(() => {
  scanner().assertClean();
});
