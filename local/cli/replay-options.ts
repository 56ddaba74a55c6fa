/**
 * The options of `ivs-guard replay`, every one checked before anything runs: a mistake found after
 * the replay (or after `--live --apply` acted) would be found too late. Each is a UsageError (exit 2)
 * naming the option or the file.
 */
import { readFileSync, statSync } from 'node:fs';
import { loadPolicyDocument, PolicyDocumentError } from '../../domain/policy/index.ts';
import { loadWorldFile, parseFaults, quotaMultiplier, WorldFileError } from '../emulator/index.ts';
import { checkOption, outputFormatOf, queryOf, UsageError } from './args.ts';
import type { Parsed } from './args.ts';
import type { OutputFormat } from './text-output.ts';
import { liveLedgerTable, stageOf } from './live-ledger.ts';

/** A replay's options once checked. */
export interface ReplayCommandOptions {
  paths: string[];
  output: OutputFormat;
  query: string | undefined;
  policies: string;
  world: string | undefined;
  state: string | undefined;
  faults: string | undefined;
  quota: string | undefined;
  live: boolean;
  apply: boolean;
  stage: string | undefined;
  table: string | undefined;
  profile: string | undefined;
  region: string | undefined;
  endpointUrl: string | undefined;
  moderationSource: string | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Checks every option and input path of a replay; throws the first UsageError. */
export function checkReplayOptions({ values, positionals }: Parsed): ReplayCommandOptions {
  const options: ReplayCommandOptions = {
    paths: positionals,
    output: outputFormatOf(values.output),
    query: queryOf(values.query),
    policies: text(values.policies) ?? 'policies.yml',
    world: text(values.world),
    state: text(values.state),
    faults: text(values.faults),
    quota: text(values.quota),
    live: values.live === true,
    apply: values.apply === true,
    stage: text(values.stage),
    table: text(values.table),
    profile: text(values.profile),
    region: text(values.region),
    endpointUrl: text(values['endpoint-url']),
    moderationSource: text(values['moderation-source']),
  };
  checkCombinations(options);
  checkValues(options);
  for (const path of options.paths) if (path !== '-') checkInputPath(path);
  return options;
}

function checkCombinations(o: ReplayCommandOptions): void {
  if (o.apply && !o.live) throw new UsageError('--apply goes with --live: locally every action is taken against the emulator');
  if (o.live && (o.world || o.faults || o.quota)) throw new UsageError('--world, --faults and --quota shape the emulator; they do not go with --live');
  if (o.stage !== undefined && !o.live) throw new UsageError('--stage names a deployed stage: it goes with --live');
  if (o.table !== undefined && !o.live) throw new UsageError('--table names a deployed ledger table: it goes with --live');
  if (o.live && o.state) throw new UsageError('--state keeps the emulator\'s world and the local ledger; it does not go with --live');
  if (!o.live && (o.profile !== undefined || o.endpointUrl !== undefined)) throw new UsageError('--profile and --endpoint-url name the AWS account to use: they go with --live');
  if (o.paths.length === 0) throw new UsageError('give at least one PATH (a file, a directory, or - for stdin)');
  if (o.paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be read only once');
}

function checkValues(o: ReplayCommandOptions): void {
  if (o.faults !== undefined) checkOption('--faults', () => parseFaults(o.faults));
  if (o.quota !== undefined) checkOption('--quota', () => quotaMultiplier(o.quota ?? ''));
  if (o.stage !== undefined) stageOf(o.stage);
  if (o.live) liveLedgerTable(o.stage, o.table);
  if (o.endpointUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(o.endpointUrl)) throw new UsageError(`--endpoint-url takes an http(s) URL, not '${o.endpointUrl}'`);
  if (o.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(o.region)) throw new UsageError(`--region takes an AWS region like us-west-2, not '${o.region}'`);
  if (o.moderationSource !== undefined && o.moderationSource.trim() === '') throw new UsageError('--moderation-source takes a source name, not an empty string');
  checkPolicies(o.policies);
  if (o.world !== undefined) checkWorld(o.world);
  if (o.state !== undefined) checkStateDir(o.state);
}

function checkInputPath(path: string): void {
  try {
    statSync(path);
  } catch {
    throw new UsageError(`no such file or directory: ${path}`);
  }
}

function checkPolicies(path: string): void {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--policies: cannot read ${path}${path === 'policies.yml' ? ' (the default; run from the project root or give --policies FILE)' : ''}`);
  }
  try {
    loadPolicyDocument(source, path);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    throw new UsageError(`--policies: ${path} is not a valid policy document (ivs-guard validate ${path} says where):\n${error.message}`);
  }
}

function checkWorld(path: string): void {
  try {
    statSync(path);
  } catch {
    throw new UsageError(`--world: no such file: ${path}`);
  }
  try {
    loadWorldFile(path);
  } catch (error) {
    if (!(error instanceof WorldFileError)) throw error;
    throw new UsageError(`--world: ${error.message}`);
  }
}

function checkStateDir(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return; // made by the replay
  }
  if (!isDirectory) throw new UsageError(`--state takes a directory; ${path} is a file`);
}
