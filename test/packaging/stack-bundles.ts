/**
 * What each function's zip holds and loads: its bundle (the AWS SDK inside) and the compiled policy document,
 * nothing else; no module the function never runs (esbuild's metafile of the very build that was zipped);
 * the ledger requests its role grants and no other; and a handler that loads from the zip alone.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCAL_ONLY_LEDGER_OPERATIONS, ledgerGrantsNeeded } from './ledger-operations.ts';
import { FUNCTIONS, logical, REGION } from './packaged-stack.ts';
import type { FunctionKey, PackagedStack } from './packaged-stack.ts';
import { readZip } from './read-zip.ts';
import { coldStart, ROOT } from './serverless-cli.ts';

const MAX_ZIP_BYTES = 400 * 1024;
/** DESIGN §5: each function's bundle under 400 KB minified. Reported, not yet enforced. */
const BUNDLE_BUDGET_BYTES = 400 * 1024;
const COMPILED_POLICIES = 'dist/policies.json';

/** The operations (`GetItem`, ...) a bundle's DynamoDB client commands name, as the SDK's minified command classes spell them. */
const dynamoOperationsIn = (bundle: string) => new Set([...bundle.matchAll(/"DynamoDB_20120810","(\w+)"/g)].map((match) => match[1]!));

const nodeModule = (name: string) => new RegExp(`(^|/)node_modules/${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`);
const YAML = nodeModule('yaml');
const IVS_REALTIME = nodeModule('@aws-sdk/client-ivs-realtime');
const JMESPATH = nodeModule('@jmespath-community/jmespath');
/** zod classic (`import { z } from 'zod'`): the functions' schemas are written with zod/mini, over the same core. */
const ZOD_CLASSIC = nodeModule('zod/v4/classic');
const ZOD_CORE = nodeModule('zod/v4/core');
const YAML_LOADER = /(^|\/)domain\/policy\/load\.ts$/;

/** Whether a document (as plain data) has a `match` condition anywhere in its policies' `where`. */
function hasMatchCondition(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasMatchCondition);
  return typeof value === 'object' && value !== null && Object.entries(value).some(([key, inner]) => key === 'match' || hasMatchCondition(inner));
}

/** The tests of the zips, on the stack `packaged()` returns once packaged. */
export function describeBundles(packaged: () => PackagedStack): void {
  const zipOf = (fn: FunctionKey) => join(packaged().packageDir, `${fn}.zip`);
  const bundleOf = (fn: FunctionKey) => readZip(zipOf(fn)).get(`handlers/${fn}.mjs`);

  describe('the bundles', () => {
    it.each(FUNCTIONS)('%s.zip: bundles its handler with the AWS SDK, and holds the compiled policy document, no YAML', (fn) => {
      const zipFile = zipOf(fn);
      expect(existsSync(zipFile)).toBe(true);
      const entries = readZip(zipFile);
      const bundle = entries.get(`handlers/${fn}.mjs`);
      const zipBytes = statSync(zipFile).size;
      const bundleBytes = bundle?.length ?? 0;
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      console.log(
        `${fn}: handlers/${fn}.mjs ${kb(bundleBytes)} unzipped, minified ` +
          `(DESIGN §5 budget ${kb(BUNDLE_BUDGET_BYTES)}: ${bundleBytes <= BUNDLE_BUDGET_BYTES ? 'within' : `over by ${kb(bundleBytes - BUNDLE_BUDGET_BYTES)}`}); ${fn}.zip ${kb(zipBytes)}`,
      );

      expect([...entries.keys()].sort()).toEqual([COMPILED_POLICIES, `handlers/${fn}.mjs`]);
      // The document's data as written in policies.yml: the function validates it again at cold start.
      const shipped: unknown = JSON.parse(entries.get(COMPILED_POLICIES)?.toString('utf8') ?? 'null');
      expect(shipped).toEqual(parse(readFileSync(join(packaged().project.dir, 'policies.yml'), 'utf8')));
      // Bundled, not imported from the runtime's copy: no import of an @aws-sdk package is left.
      expect(bundle?.toString('utf8')).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(zipBytes).toBeLessThan(MAX_ZIP_BYTES);
    });

    it.each(FUNCTIONS)('%s.zip: its bundle was built from its handler and the SDK clients it calls (the metafile sees the modules)', (fn) => {
      const modules = packaged().bundledModules(fn);
      expect(modules).toContainEqual(expect.stringMatching(new RegExp(`(^|/)handlers/${fn}\\.ts$`)));
      expect(modules).toContainEqual(expect.stringMatching(nodeModule('@aws-sdk/client-ivs')));
      // The bundle in the zip is the build the metafile describes.
      const [output, ...others] = Object.values(packaged().metafile(fn).outputs);
      expect(others).toEqual([]);
      expect(output?.bytes).toBe(bundleOf(fn)?.length);
    });

    it.each(FUNCTIONS)('%s.zip: its bundle holds no YAML parser and no YAML policy loader', (fn) => {
      expect(packaged().bundledModules(fn).filter((module) => YAML.test(module) || YAML_LOADER.test(module))).toEqual([]);
    });

    it.each(FUNCTIONS)('%s.zip: its bundle holds zod/mini, not zod classic', (fn) => {
      const modules = packaged().bundledModules(fn);
      // zod's core is there (so the pattern reads this zod's layout) ...
      expect(modules).toContainEqual(expect.stringMatching(ZOD_CORE));
      // ... and none of classic: about 100 KB minified of method chains no function needs (docs/performance.md).
      expect(modules.filter((module) => ZOD_CLASSIC.test(module))).toEqual([]);
    });

    it('only the functions that call IVS real-time bundle its client: stage, and moderation (disconnect requests)', () => {
      const withRealtime = FUNCTIONS.filter((fn) => packaged().bundledModules(fn).some((module) => IVS_REALTIME.test(module)));
      expect(withRealtime.sort()).toEqual(['moderation', 'stage']);
    });

    it('JMESPath is bundled only where the shipped document has a match condition: with policies.yml, never in moderation', () => {
      const document = JSON.parse(readZip(zipOf('moderation')).get(COMPILED_POLICIES)?.toString('utf8') ?? 'null') as { policies?: Array<{ where?: unknown }> };
      const usesMatch = hasMatchCondition((document.policies ?? []).map((policy) => policy.where));
      const withJmespath = FUNCTIONS.filter((fn) => packaged().bundledModules(fn).some((module) => JMESPATH.test(module)));
      expect(withJmespath).toEqual(usesMatch ? [...FUNCTIONS] : []);
      expect(withJmespath).not.toContain('moderation');
    });

    it.each(FUNCTIONS)('%s.zip: sends the ledger requests its role grants, and never creates or describes the table', (fn) => {
      const bundled = dynamoOperationsIn(bundleOf(fn)?.toString('utf8') ?? '');
      const { table, index } = ledgerGrantsNeeded(ROOT);
      // The granted ones are found (so the pattern still reads this SDK's bundles) ...
      for (const action of [...table, ...index]) expect(bundled).toContain(action.replace(/^dynamodb:/, ''));
      // ... and the local-only ones are not: tree-shaken, so no code path of the function sends them.
      expect([...LOCAL_ONLY_LEDGER_OPERATIONS].filter((operation) => bundled.has(operation))).toEqual([]);
    });

    it.each(FUNCTIONS)('%s.zip: its handler loads from the zip alone, as at a cold start', async (fn) => {
      const taskRoot = mkdtempSync(join(tmpdir(), `ivs-guard-${fn}-task-`));
      try {
        for (const [name, contents] of readZip(zipOf(fn))) {
          mkdirSync(dirname(join(taskRoot, name)), { recursive: true });
          writeFileSync(join(taskRoot, name), contents);
        }
        const environment = packaged().resource(`${logical(fn)}LambdaFunction`).Properties.Environment.Variables;
        const loaded = await coldStart(taskRoot, `handlers/${fn}.mjs`, { ...environment, AWS_REGION: REGION });
        expect(loaded.output).toBe('');
        expect(loaded.code).toBe(0);
      } finally {
        rmSync(taskRoot, { recursive: true, force: true });
      }
    });

    it('a function fails its cold start naming the path of a mistake in the compiled document', async () => {
      const taskRoot = mkdtempSync(join(tmpdir(), 'ivs-guard-moderation-task-'));
      try {
        for (const [name, contents] of readZip(zipOf('moderation'))) {
          mkdirSync(dirname(join(taskRoot, name)), { recursive: true });
          writeFileSync(join(taskRoot, name), contents);
        }
        const document = JSON.parse(readFileSync(join(taskRoot, COMPILED_POLICIES), 'utf8')) as { safety: Record<string, unknown> };
        writeFileSync(join(taskRoot, COMPILED_POLICIES), JSON.stringify({ ...document, safety: { ...document.safety, maxActionsPerHour: 0 } }));
        const environment = packaged().resource('ModerationLambdaFunction').Properties.Environment.Variables;
        const loaded = await coldStart(taskRoot, 'handlers/moderation.mjs', { ...environment, AWS_REGION: REGION });
        expect(loaded.code).not.toBe(0);
        expect(loaded.output).toContain(`${join(taskRoot, COMPILED_POLICIES)} safety.maxActionsPerHour: `);
      } finally {
        rmSync(taskRoot, { recursive: true, force: true });
      }
    });

    it('writes nothing but the templates, the state and the zips', () => {
      expect(readdirSync(packaged().packageDir).sort()).toEqual([
        'cloudformation-template-create-stack.json',
        'cloudformation-template-update-stack.json',
        ...FUNCTIONS.map((fn) => `${fn}.zip`).sort(),
        'serverless-state.json',
      ].sort());
    });
  });
}
