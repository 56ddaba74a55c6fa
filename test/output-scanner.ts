/**
 * Scans what the tests make the guard write — log lines, console output, audit entries, CLI output —
 * for secrets (stream key values, JWT tokens, PEM private keys: the patterns of `adapters/redact.ts`).
 * `test/setup.ts` routes every worker's stdout, stderr and console through the scanner and fails the
 * file when anything secret-looking went by. A finding never carries the secret itself.
 */
import { format, inspect } from 'node:util';
import { containsSecret, redact, REDACTED } from '../adapters/redact.ts';

export interface Finding {
  /** Where it was written: `stdout`, `console.info`, `audit`, `ivs-guard replay …`. */
  where: string;
  /** The test that was running, when one was. */
  test: string | undefined;
  /** The text around the first secret, with every secret replaced by `[REDACTED]`. */
  excerpt: string;
}

const EXCERPT_CONTEXT = 80;

export class OutputScanner {
  readonly findings: Finding[] = [];
  /** Characters scanned so far (to show the scanner sees what is written). */
  scanned = 0;

  constructor(private readonly currentTest: () => string | undefined = () => undefined) {}

  /** Scans `text`, written at `where`. */
  note(where: string, text: string): void {
    this.scanned += text.length;
    if (!containsSecret(text)) return;
    const safe = redact(text);
    const at = Math.max(0, safe.indexOf(REDACTED));
    const excerpt = safe.slice(Math.max(0, at - EXCERPT_CONTEXT), at + REDACTED.length + EXCERPT_CONTEXT).replace(/\s+/g, ' ');
    this.findings.push({ where, test: this.currentTest(), excerpt });
  }

  /** Hands over the findings so far and forgets them. */
  take(): Finding[] {
    return this.findings.splice(0);
  }

  /** Throws, listing where (never what), when a secret went by. */
  assertClean(): void {
    const findings = this.take();
    if (findings.length === 0) return;
    const lines = findings.slice(0, 20).map((f) => `  - ${f.where}${f.test ? ` during "${f.test}"` : ''}: …${f.excerpt}…`);
    const more = findings.length > 20 ? [`  … and ${findings.length - 20} more`] : [];
    throw new Error([`${findings.length} secret-looking value(s) were written out (stream key values, tokens or private keys must never be):`, ...lines, ...more].join('\n'));
  }
}

const MARK = Symbol.for('ivs-guard.output-scanner.wrapped');

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Routes `stream.write` through the scanner (once per stream), then writes as before. */
export function scanWrites(stream: NodeJS.WritableStream & { [MARK]?: true }, where: string, scanner: () => OutputScanner): void {
  if (stream[MARK]) return;
  const write = stream.write.bind(stream) as Write;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    scanner().note(where, typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
    return write(chunk, ...rest);
  });
  stream[MARK] = true;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Routes a console's methods through the scanner (once per console object), then logs as before. */
export function scanConsole(target: Console & { [MARK]?: true }, scanner: () => OutputScanner): void {
  if (target[MARK]) return;
  for (const method of CONSOLE_METHODS) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) => {
      scanner().note(`console.${method}`, args.map(text).join(' '));
      original(...args);
    };
  }
  target[MARK] = true;
}

/** The whole of a logged value: nested strings included (`format` would cut objects at depth 2). */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // circular or BigInt: inspect below
  }
  return typeof value === 'object' && value !== null ? inspect(value, { depth: 50, maxArrayLength: Infinity, maxStringLength: Infinity }) : format('%s', value);
}

const GLOBAL = Symbol.for('ivs-guard.output-scanner');

/** The scanner of this worker: one for all the module graphs a worker runs. */
export function workerScanner(currentTest?: () => string | undefined): OutputScanner {
  const holder = globalThis as { [GLOBAL]?: OutputScanner };
  return (holder[GLOBAL] ??= new OutputScanner(currentTest));
}

/**
 * Scans the output of a CLI run (call it from `runCli` in `test/e2e/cli.ts`): the child's stdout and
 * stderr never pass through this worker's streams, so the setup hook cannot see them otherwise.
 */
export function noteCliOutput(args: readonly string[], result: { stdout: string; stderr: string }): void {
  const scanner = workerScanner();
  scanner.note(`ivs-guard ${args.join(' ')} (stdout)`, result.stdout);
  scanner.note(`ivs-guard ${args.join(' ')} (stderr)`, result.stderr);
}

/** Scans entries a test captured from an audit bus (the emulator's `published`, a fake's decisions). */
export function noteAuditEntries(where: string, entries: unknown): void {
  workerScanner().note(where, text(entries));
}
