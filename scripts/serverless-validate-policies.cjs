// @ts-check
'use strict';
/**
 * osls plugin: refuses to package (and so to deploy) a policy document the guard would reject at
 * cold start, and compiles the one it accepts. It runs the domain's own validator,
 * `loadPolicyDocument(text, fileName)` from domain/policy/load.ts, so the build, the deploy and
 * `ivs-guard validate` judge a document the same way, each mistake at its line; then it writes the
 * document's data as JSON to `custom.guard.compiledPoliciesFile` (default dist/policies.json), the file
 * serverless.yml packages and names in IVS_GUARD_POLICIES. The functions validate that JSON again at
 * cold start with the same schema (domain/policy/compiled.ts) and carry no YAML parser.
 *
 * The validator is TypeScript (ESM); osls is CommonJS. Rather than register a TypeScript loader
 * inside osls's process, it runs scripts/validate-policies.ts in a child `node --import tsx`, which
 * prints the validator's message (`policies.yml:LINE:COL path: message`, one line a mistake) and
 * exits non-zero on a bad document.
 *
 * The source is `custom.guard.policiesFile` (default `policies.yml`), relative to the service directory.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

/** The validator's command-line wrapper (TypeScript, run with tsx): exit 0 valid (and compiled), 1 wrong document, 2 could not run. */
const VALIDATOR = 'scripts/validate-policies.ts';

class ValidatePoliciesPlugin {
  /**
   * @param {any} serverless osls's Serverless instance
   * @param {unknown} _options
   * @param {{ log?: { notice?: (message: string) => void } }} [utils]
   */
  constructor(serverless, _options, { log } = {}) {
    this.serverless = serverless;
    this.log = log;
    const validate = () => this.validate();
    this.hooks = {
      // `deploy` runs `package`, so this also guards every deploy that builds its own package.
      'before:package:initialize': validate,
      'before:deploy:function:packageFunction': validate,
    };
  }

  validate() {
    const serviceDir = this.serverless.serviceDir;
    const fileName = this.serverless.service.custom?.guard?.policiesFile ?? 'policies.yml';
    const compiledName = this.serverless.service.custom?.guard?.compiledPoliciesFile ?? 'dist/policies.json';
    const file = path.resolve(serviceDir, fileName);
    const compiled = path.resolve(serviceDir, compiledName);
    /** @param {string} message @returns {never} */
    const fail = (message) => {
      throw new this.serverless.classes.Error(message, 'IVS_GUARD_INVALID_POLICIES');
    };
    if (!existsSync(file)) fail(`${fileName} not found: the guard deploys the policy document at ${file}`);

    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(serviceDir, VALIDATOR), file, fileName, compiled],
      { cwd: serviceDir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    const output = `${child.stderr ?? ''}${child.stdout ?? ''}`.trim();
    if (child.error) fail(`could not validate ${fileName}: ${child.error.message}`);
    if (child.status === 1) fail(`${fileName} is not a valid policy document:\n${output}`);
    if (child.status !== 0) fail(`could not validate ${fileName} (exit ${child.status ?? child.signal}):\n${output}`);
    // Read by scripts/esbuild-plugins.cjs (same process): what the document uses decides what is bundled.
    process.env.IVS_GUARD_COMPILED_POLICIES = compiled;
    this.log?.notice?.(`${fileName}: valid policy document, compiled to ${compiledName}`);
  }
}

module.exports = ValidatePoliciesPlugin;
