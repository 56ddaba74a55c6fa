/**
 * The deployable stack as CloudFormation will receive it: the real `serverless package --stage test
 * --region us-west-2`, offline and without AWS credentials, on a copy of the project; and what the
 * packaging tests ask of it (resources by type, a role's statements, what a bundle was built from).
 *
 * esbuild's metafile of each bundle is written to a folder beside the copy (IVS_GUARD_METAFILE_DIR, read by
 * scripts/esbuild-plugins.cjs): the exact list of modules each function's bundle was built from. Nothing
 * about the build changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GuardFunction } from '../../domain/functions.ts';
import { copyProject, runServerless } from './serverless-cli.ts';
import type { CliResult, ProjectCopy } from './serverless-cli.ts';

// A CloudFormation template is JSON of any shape; the assertions pin the parts that matter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const STAGE = 'test';
export const REGION = 'us-west-2';
export const FUNCTIONS = ['stream', 'recording', 'stage', 'moderation'] as const satisfies readonly GuardFunction[];
export type FunctionKey = (typeof FUNCTIONS)[number];
export const DEFAULT_MODERATION_SOURCE = 'ivs-guard.moderation';

/** osls's logical-id prefix for a function key. */
export const logical = (fn: string) => fn.charAt(0).toUpperCase() + fn.slice(1);
export const getAtt = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });
export const ivsArn = (path: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:ivs:\${AWS::Region}:\${AWS::AccountId}:${path}` });
export const LEDGER_TABLE_ARN = getAtt('LedgerTable');
export const LEDGER_INDEX_ARN = { 'Fn::Sub': '${LedgerTable.Arn}/index/*' };

/** The parts of esbuild's metafile the tests read: each input module of a bundle. */
export interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

export interface PackagedStack {
  project: ProjectCopy;
  packageDir: string;
  packaging: CliResult;
  template: Json;
  resource(logicalId: string): Json;
  resourcesOfType(type: string): [string, Json][];
  statementsOf(fn: FunctionKey): Json[];
  /** The actions with `prefix` that the role of `fn` grants on `arn` (any resource when `arn` is omitted), sorted. */
  grantedActions(fn: FunctionKey, prefix: string, arn?: Json): string[];
  /** esbuild's metafile of `fn`'s bundle. */
  metafile(fn: FunctionKey): Metafile;
  /** The modules (`node_modules/yaml/dist/index.js`, `domain/policy/schema.ts`, ...) that put code in `fn`'s bundle. */
  bundledModules(fn: FunctionKey): string[];
}

/** Packages a copy of the project; throws with osls's output when packaging fails. Call `project.remove()` after. */
export async function packageStack(): Promise<PackagedStack> {
  const project = copyProject();
  const packageDir = join(project.dir, '..', 'package');
  const metafileDir = join(project.dir, '..', 'metafiles');
  const packaging = await runServerless(project, ['package', '--stage', STAGE, '--region', REGION, '--package', packageDir], { IVS_GUARD_METAFILE_DIR: metafileDir });
  if (packaging.code !== 0) throw new Error(`serverless package failed (exit ${packaging.code}):\n${packaging.output}`);
  const template: Json = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'));

  const resource = (logicalId: string): Json => {
    const found = template.Resources[logicalId];
    if (!found) throw new Error(`template has no resource ${logicalId}`);
    return found;
  };
  const metafileOf = (fn: FunctionKey) => JSON.parse(readFileSync(join(metafileDir, `${fn}.json`), 'utf8')) as Metafile;
  const statementsOf = (fn: FunctionKey): Json[] => {
    const statements: Json[] = resource(`${logical(fn)}Role`).Properties.Policies[0].PolicyDocument.Statement;
    return statements;
  };
  return {
    project,
    packageDir,
    packaging,
    template,
    resource,
    resourcesOfType: (type) => Object.entries(template.Resources as Record<string, Json>).filter(([, r]) => r.Type === type),
    statementsOf,
    grantedActions: (fn, prefix, arn) => {
      const actions = statementsOf(fn)
        .filter((statement) => arn === undefined || [statement.Resource].flat().some((r: Json) => JSON.stringify(r) === JSON.stringify(arn)))
        .flatMap((statement) => [statement.Action as string | string[]].flat())
        .filter((action) => action.startsWith(prefix));
      return [...new Set(actions)].sort();
    },
    metafile: (fn) => metafileOf(fn),
    bundledModules: (fn) => {
      const outputs = Object.entries(metafileOf(fn).outputs).filter(([name]) => name.endsWith('.mjs'));
      if (outputs.length !== 1) throw new Error(`the metafile of ${fn} has ${outputs.length} bundles, expected 1`);
      return Object.entries(outputs[0]![1].inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([name]) => name);
    },
  };
}
