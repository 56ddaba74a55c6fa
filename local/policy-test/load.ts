/**
 * Reading a policy test file: YAML, the schema, then what the schema cannot say (the files and sample kinds it
 * names exist, its cases expect policies and actions the policy document has, an `event:` position is among the
 * case's events). Every mistake is reported at once, each at its line, like `policies.yml`'s.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { loadPolicyDocument, PolicyDocumentError, formatProblem } from '../../domain/policy/index.ts';
import type { PolicyDocument, PolicyProblem } from '../../domain/policy/index.ts';
import { readYamlDocument, sortedUnique } from '../../domain/policy/load.ts';
import type { YamlDocument } from '../../domain/policy/load.ts';
import { plainMessages } from '../../domain/policy/issues.ts';
import { quoteWithHint } from '../../domain/policy/vocabulary.ts';
import type { InputEvent } from '../cli/read-events.ts';
import { readEvents } from '../cli/read-events.ts';
import { generateEvent, GenerateEventError } from '../generate-event.ts';
import { loadWorldFile, WorldFileError } from '../emulator/world-file.ts';
import { explainTestFileIssues } from './issues.ts';
import { policyTestFileSchema } from './schema.ts';
import type { EventEntry, Expectation, TestCase } from './schema.ts';

/** A test file that cannot be run. Its message lists every problem, one a line, as `file:line:column path: message`. */
export class TestFileError extends Error {
  override readonly name = 'TestFileError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super(problems.map((problem) => formatProblem(fileName, problem)).join('\n'));
  }
}

/** A case ready to replay: its events read, its paths absolute. */
export interface LoadedCase {
  name: string;
  /** Where the case is written (`policies.test.yml:12`). */
  origin: string;
  worldPath?: string;
  mode?: 'enforce' | 'dry-run';
  events: InputEvent[];
  expect: Expectation[];
}

/** A test file ready to run. */
export interface LoadedTestFile {
  fileName: string;
  policiesPath: string;
  policies: PolicyDocument;
  cases: LoadedCase[];
}

/** Reads and checks a test file; throws `TestFileError` naming every mistake (an unreadable file included). */
export async function loadTestFile(fileName: string): Promise<LoadedTestFile> {
  let text: string;
  try {
    text = await readFile(fileName, 'utf8');
  } catch {
    throw new TestFileError(fileName, [{ path: '', line: 1, column: 1, message: `cannot read ${fileName}` }]);
  }
  let yaml: YamlDocument;
  try {
    yaml = readYamlDocument(text, fileName);
  } catch (error) {
    if (error instanceof PolicyDocumentError) throw new TestFileError(fileName, error.problems);
    throw error;
  }
  const parsed = policyTestFileSchema.safeParse(yaml.data, { error: plainMessages, reportInput: true });
  if (!parsed.success) {
    throw new TestFileError(fileName, sortedUnique(explainTestFileIssues(parsed.error.issues).map(({ path, message }) => yaml.problemAt(path, message))));
  }
  const base = dirname(fileName);
  const problems: PolicyProblem[] = [];
  const problem = (path: PropertyKey[], message: string) => problems.push(yaml.problemAt(path, message));

  const policiesPath = resolve(base, parsed.data.policies ?? 'policies.yml');
  const policies = await readPolicies(policiesPath, parsed.data.policies === undefined ? [] : ['policies'], problem);
  const fileWorld = existingFile(base, parsed.data.world, ['world'], problem);
  const seen = new Map<string, number>();
  const cases: LoadedCase[] = [];
  for (const [index, testCase] of parsed.data.cases.entries()) {
    const at = ['cases', index];
    const earlier = seen.get(testCase.name);
    if (earlier !== undefined) problem([...at, 'name'], `a case named '${testCase.name}' is already cases[${earlier}]: names tell cases apart in reports`);
    seen.set(testCase.name, index);
    const events = await readCaseEvents(testCase, at, { base, fileName, yaml, problem });
    checkExpectations(testCase, events.length, policies, at, problem);
    const worldPath = existingFile(base, testCase.world, [...at, 'world'], problem) ?? fileWorld;
    cases.push({
      name: testCase.name,
      origin: `${fileName}:${yaml.problemAt(at, '').line}`,
      events,
      expect: testCase.expect,
      ...(worldPath === undefined ? {} : { worldPath }),
      ...(testCase.mode === undefined ? {} : { mode: testCase.mode }),
    });
  }
  if (problems.length > 0 || policies === undefined) throw new TestFileError(fileName, sortedUnique(problems));
  return { fileName, policiesPath, policies, cases };
}

type Problem = (path: PropertyKey[], message: string) => void;

async function readPolicies(path: string, at: PropertyKey[], problem: Problem): Promise<PolicyDocument | undefined> {
  const shown = relative(process.cwd(), path) || path;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    problem(at, `cannot read the policy document ${shown}${at.length === 0 ? ' (give its path in `policies:`)' : ''}`);
    return undefined;
  }
  try {
    return loadPolicyDocument(text, shown);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    problem(at, `the policy document is not valid (ivs-guard validate ${shown} shows each mistake): ${error.message.split('\n')[0] ?? ''}`);
    return undefined;
  }
}

function existingFile(base: string, path: string | undefined, at: PropertyKey[], problem: Problem): string | undefined {
  if (path === undefined) return undefined;
  const absolute = resolve(base, path);
  if (!existsSync(absolute)) problem(at, `no such file: ${path} (paths are relative to the test file)`);
  else checkWorld(absolute, path, at, problem);
  return absolute;
}

/** A world file's mistakes belong to the test file's checks: no case should start from a world that cannot load. */
function checkWorld(absolute: string, path: string, at: PropertyKey[], problem: Problem): void {
  try {
    loadWorldFile(absolute);
  } catch (error) {
    if (!(error instanceof WorldFileError)) throw error;
    const issues = error.issues.map((i) => `${i.path || '(top)'}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`);
    problem(at, `${path} is not a valid world file: ${issues.join('; ')}`);
  }
}

interface EventContext {
  base: string;
  fileName: string;
  yaml: YamlDocument;
  problem: Problem;
}

async function readCaseEvents(testCase: TestCase, at: PropertyKey[], context: EventContext): Promise<InputEvent[]> {
  const events: InputEvent[] = [];
  for (const [index, entry] of testCase.events.entries()) {
    const path = [...at, 'events', index];
    const origin = `${context.fileName}:${context.yaml.problemAt(path, '').line}`;
    events.push(...(await readEntry(entry, path, origin, context, `${String(at[1])}-${index}`)));
  }
  return events;
}

async function readEntry(entry: EventEntry, path: PropertyKey[], origin: string, context: EventContext, serial: string): Promise<InputEvent[]> {
  if ('file' in entry) {
    const { events, errors } = await readEvents([resolve(context.base, entry.file)]);
    for (const error of errors) context.problem([...path, 'file'], `${error.message.replace(/^no such file or directory: .*/, `no such file: ${entry.file}`)}`);
    if (errors.length === 0 && events.length === 0) context.problem([...path, 'file'], `${entry.file} holds no events`);
    return events.map((event) => ({ ...event, origin: relative(process.cwd(), event.origin) || event.origin }));
  }
  if ('generate' in entry) {
    const sets = Object.fromEntries(Object.entries(entry.set ?? {}).map(([key, value]) => [key, String(value)]));
    try {
      const raw = generateEvent(entry.generate, sets);
      // A fresh random id would make two runs differ; a case's events are told apart by their place in it.
      if (!Object.hasOwn(sets, 'id')) raw.id = deterministicId(serial);
      return [{ raw, origin }];
    } catch (error) {
      if (!(error instanceof GenerateEventError)) throw error;
      const aboutSet = error.message.startsWith('--set ');
      context.problem([...path, aboutSet ? 'set' : 'generate'], error.message.replace(/^--set /, 'set '));
      return [];
    }
  }
  return [{ raw: entry.event, origin }];
}

/** `00000000-0000-4000-8000-0000000c0e03` for case 12's event 3: a valid UUID that says where it came from. */
function deterministicId(serial: string): string {
  const [testCase = '0', event = '0'] = serial.split('-');
  return `00000000-0000-4000-8000-${testCase.padStart(6, '0')}${event.padStart(6, '0')}`;
}

function checkExpectations(testCase: TestCase, eventCount: number, policies: PolicyDocument | undefined, at: PropertyKey[], problem: Problem): void {
  for (const [index, expectation] of testCase.expect.entries()) {
    const path = [...at, 'expect', index];
    if (expectation.event !== undefined && eventCount > 0 && expectation.event > eventCount) {
      problem([...path, 'event'], `event ${expectation.event}: the case has ${eventCount} ${eventCount === 1 ? 'event' : 'events'}`);
    }
    if (policies === undefined) continue;
    for (const [d, decision] of (expectation.decisions ?? []).entries()) {
      const policy = policies.policies.find((p) => p.name === decision.policy);
      if (policy === undefined) {
        problem([...path, 'decisions', d, 'policy'], `no policy ${quoteWithHint(decision.policy, policies.policies.map((p) => p.name))} in the policy document`);
        continue;
      }
      const types: string[] = policy.then.map((spec) => spec.type);
      for (const [a, action] of (decision.actions ?? []).entries()) {
        const type = 'type' in action && typeof action.type === 'string' ? action.type : (Object.keys(action)[0] ?? '');
        if (!types.includes(type)) problem([...path, 'decisions', d, 'actions', a], `policy ${policy.name} has no action ${quoteWithHint(type, types)} (its then: ${types.join(', ')})`);
      }
    }
  }
}
