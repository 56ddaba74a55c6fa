/**
 * Cold start (DESIGN §5): each function's bundle minified, and its load time against a bare bundle of the
 * same SDK clients, middy and the logger (budget: under 400 KB; within 1.3×).
 *
 * The functions are built as `serverless package` builds them: policies.yml compiled to JSON first (what
 * scripts/serverless-validate-policies.cjs writes), which the bundles read at load and which decides what
 * they leave out. `npx tsx bench/cold-start.ts` runs this figure alone and prints its table.
 */
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compilePolicyData } from '../domain/policy/compiled.ts';
import { loadPolicyDocument, readYamlDocument } from '../domain/policy/load.ts';

const FUNCTIONS = ['stream', 'recording', 'stage', 'moderation'];
const BARE = `
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { IvsClient } from '@aws-sdk/client-ivs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const logger = new Logger();
export const clients = [new IvsClient({}), new EventBridgeClient({}), new DynamoDBClient({})];
export const handler = middy(async () => logger.info('bare'));
`;

/** The plugins the deployed bundles are built with (serverless.yml custom.esbuild.plugins). */
const plugins = createRequire(import.meta.url)('../scripts/esbuild-plugins.cjs') as Plugin[];

/** Bundles a file, or (`{ contents }`) source resolved from the project root, as serverless-esbuild does. */
async function bundle(entry: string | { contents: string }, out: string): Promise<number> {
  await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'js' as const } }),
    plugins,
    mainFields: ['module', 'main'],
    outfile: out,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return statSync(out).size;
}

/** Median milliseconds to start node and import the bundle, over `runs` fresh processes. */
function loadTime(file: string, env: NodeJS.ProcessEnv, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`loading ${file} failed: ${result.stderr}`);
    times.push(Number(result.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** policies.yml validated and compiled to JSON in `dir`, as `serverless package` does; the path of the JSON. */
function compilePolicies(dir: string): string {
  const text = readFileSync('policies.yml', 'utf8');
  loadPolicyDocument(text, 'policies.yml');
  const compiled = join(dir, 'policies.json');
  writeFileSync(compiled, compilePolicyData(readYamlDocument(text, 'policies.yml').data, 'policies.yml'));
  return compiled;
}

export async function measureColdStart(): Promise<Array<Record<string, string | number>>> {
  const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-bench-'));
  const compiled = compilePolicies(dir);
  // Read by the bundles' plugins, as in `serverless package` (scripts/serverless-validate-policies.cjs sets it).
  process.env.IVS_GUARD_COMPILED_POLICIES = compiled;
  const bareOut = join(dir, 'bare.bundle.mjs');
  const bareSize = await bundle({ contents: BARE }, bareOut);
  const env = { IVS_GUARD_POLICIES: compiled, IVS_GUARD_AUDIT_BUS: 'ivs-guard-audit-bench', IVS_GUARD_TABLE: 'ivs-guard-ledger-bench', AWS_REGION: 'us-west-2', POWERTOOLS_METRICS_DISABLED: 'true' };
  const bareMs = loadTime(bareOut, env);
  const rows: Array<Record<string, string | number>> = [{ bundle: 'bare (SDK clients + middy + logger)', kb: Math.round(bareSize / 1024), loadMs: Math.round(bareMs), ratio: 1 }];
  for (const fn of FUNCTIONS) {
    const out = join(dir, `${fn}.mjs`);
    const size = await bundle(`handlers/${fn}.ts`, out);
    const ms = loadTime(out, env);
    rows.push({ bundle: fn, kb: Math.round(size / 1024), loadMs: Math.round(ms), ratio: Number((ms / bareMs).toFixed(2)) });
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await measureColdStart());
}
