/**
 * The Lambda bundles' esbuild plugins (scripts/esbuild-plugins.cjs), on a real esbuild build of a handler
 * with esbuild's metafile, without osls: what the compiled policy document decides is bundled. The
 * packaging test checks the same on the shipped document and the zipped bundles.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './serverless-cli.ts';

const plugins = createRequire(import.meta.url)('../../scripts/esbuild-plugins.cjs') as Plugin[];
const dir = mkdtempSync(join(tmpdir(), 'ivs-guard-plugins-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The modules that put code in the bundle of `handlers/<fn>.ts`, built as serverless.yml builds it, with `document` compiled. */
async function bundledModules(fn: string, document: unknown): Promise<string[]> {
  const compiled = join(dir, `${fn}-policies.json`);
  writeFileSync(compiled, JSON.stringify(document));
  const before = process.env.IVS_GUARD_COMPILED_POLICIES;
  process.env.IVS_GUARD_COMPILED_POLICIES = compiled;
  try {
    const result = await build({
      entryPoints: [join(ROOT, 'handlers', `${fn}.ts`)],
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      plugins,
      metafile: true,
      write: false,
      outfile: join(dir, `${fn}.mjs`),
      logLevel: 'silent',
    });
    const [output] = Object.values(result.metafile.outputs);
    return Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([name]) => name);
  } finally {
    if (before === undefined) delete process.env.IVS_GUARD_COMPILED_POLICIES;
    else process.env.IVS_GUARD_COMPILED_POLICIES = before;
  }
}

const policy = (where: unknown[]) => ({ name: 'p', on: { names: ['Stream Start'] }, where, then: ['stopStream'] });
const JMESPATH = /(^|\/)node_modules\/@jmespath-community\/jmespath\//;
const YAML = /(^|\/)node_modules\/yaml\//;

describe('the Lambda bundles\' esbuild plugins', () => {
  it.each([
    ['no match condition', false, [policy([{ ingestExceeds: { framerate: 60 } }])]],
    ['a match condition', true, [policy([{ match: { path: 'event.detail.code', eq: 'x' } }])]],
    ['a match condition under not', true, [policy([{ not: { match: { path: 'event.detail.code', eq: 'x' } } }])]],
  ])('a document with %s: JMESPath in the moderation bundle: %s', async (_, expected, policies) => {
    const modules = await bundledModules('moderation', { version: 1, policies });
    expect(modules.some((module) => JMESPATH.test(module))).toBe(expected);
    expect(modules.filter((module) => YAML.test(module))).toEqual([]);
  }, 60_000);
});
