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

module.exports = [zodLocalesEnglishOnly];
