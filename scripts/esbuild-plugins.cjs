'use strict';
/**
 * esbuild plugins for the Lambda bundles (serverless.yml: custom.esbuild.plugins).
 *
 * zod-locales-english-only: `import { z } from 'zod'` keeps the whole `z` namespace, and with it
 * `z.locales`, every translation of zod's error messages (about 250 KB minified, a quarter of a
 * bundle). The guard reports zod issues in English and never calls `z.config(z.locales.xx())`,
 * so zod's locale index is replaced by one that exports `en` alone. zod itself registers English
 * from `locales/en.js` directly, which is untouched. If zod moves its locales, the filter stops
 * matching and the bundle is merely bigger again.
 */
const path = require('node:path');

const ZOD_FILE = /[\\/]node_modules[\\/]zod[\\/]/;

const zodLocalesEnglishOnly = {
  name: 'zod-locales-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      ZOD_FILE.test(args.importer)
        ? { path: path.join(args.resolveDir, args.path), namespace: 'zod-locales-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * lambda-credentials-from-env: the SDK's default credential chain (@aws-sdk/credential-provider-node)
 * brings SSO, shared ini files, credential processes, web identity, console login and IMDS — about
 * 90 KB minified that a Lambda function never runs, because Lambda hands its role's credentials to the
 * function in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. In the bundles the chain
 * is replaced by the environment provider alone (still lazy and memoized by the client). The CLI, the
 * tests and `--live` replays run the sources, not these bundles, and keep the full chain.
 */
const lambdaCredentialsFromEnv = {
  name: 'lambda-credentials-from-env',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, (args) => ({ path: args.path, namespace: 'lambda-credentials-from-env', pluginData: args.resolveDir }));
    build.onLoad({ filter: /.*/, namespace: 'lambda-credentials-from-env' }, (args) => ({
      contents: "import { fromEnv } from '@aws-sdk/credential-provider-env';\nexport const defaultProvider = (init = {}) => fromEnv(init);\n",
      resolveDir: args.pluginData,
    }));
  },
};

/**
 * lambda-bundle: the deployed functions read only the compiled policy document (JSON), so the bundles
 * leave the YAML loader (domain/policy/load.ts) and the `yaml` package out:
 * - `process.env.IVS_GUARD_BUNDLE` is defined as "lambda", which makes handlers/config.ts's YAML branch dead
 *   code (a `.yml` document then fails the cold start, naming it);
 * - that branch's `import()` of the loader is left external: esbuild bundles a dynamic import even in dead code;
 * - `yaml` is marked free of side effects (true, but its package.json does not say so), so the import that
 *   domain/policy/index.ts's re-export of the loader brings along is dropped when no code calls it.
 * Code that did call the YAML parser would still bundle it, and the packaging test would fail.
 */
const lambdaBundle = {
  name: 'lambda-bundle',
  setup(build) {
    build.initialOptions.define = { ...build.initialOptions.define, 'process.env.IVS_GUARD_BUNDLE': '"lambda"' };
    build.onResolve({ filter: /[\\/]policy[\\/]load\.ts$/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
    build.onResolve({ filter: /^yaml$/ }, async (args) => {
      if (args.pluginData === RESOLVING_YAML) return undefined;
      const { kind, importer, resolveDir } = args;
      const resolved = await build.resolve(args.path, { kind, importer, resolveDir, pluginData: RESOLVING_YAML });
      return resolved.errors.length > 0 ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};
const RESOLVING_YAML = Symbol('resolving yaml');

module.exports = [lambdaBundle, zodLocalesEnglishOnly, lambdaCredentialsFromEnv];
