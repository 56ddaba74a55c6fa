'use strict';
/**
 * osls plugin: refuses to package (and so to deploy) a policy document the guard would reject at
 * cold start. It runs the domain's own validator, `loadPolicyDocument(text, fileName)` from
 * domain/policy/index.ts, so the build, the deploy, `ivs-guard validate` and the Lambda's cold start
 * all judge a document the same way.
 *
 * The validator is TypeScript (ESM); osls is CommonJS. Rather than register a TypeScript loader
 * inside osls's process, it runs in a child `node --import tsx`, which prints the validator's message
 * (`policies.yml:LINE:COL path: message`, one line a mistake) and exits non-zero on a bad document.
 *
 * The file is `custom.guard.policiesFile` (default `policies.yml`), relative to the service directory:
 * the same file serverless.yml packages and names in IVS_GUARD_POLICIES.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const VALIDATOR = 'domain/policy/index.ts';

// Exit 1: the document is wrong (message only). Exit 2: the validator itself could not run (stack).
const CHILD = `
import { readFileSync } from 'node:fs';
const [moduleUrl, file, fileName] = process.argv.slice(1);
let policy;
try {
  policy = await import(moduleUrl);
} catch (error) {
  process.stderr.write('cannot load the policy validator: ' + (error?.stack ?? error) + '\\n');
  process.exit(2);
}
try {
  policy.loadPolicyDocument(readFileSync(file, 'utf8'), fileName);
} catch (error) {
  const isDocumentError = (policy.PolicyDocumentError && error instanceof policy.PolicyDocumentError) || error?.name === 'PolicyDocumentError';
  process.stderr.write((isDocumentError ? error.message : 'the policy validator failed: ' + (error?.stack ?? error)) + '\\n');
  process.exit(isDocumentError ? 1 : 2);
}
`;

class ValidatePoliciesPlugin {
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
    const file = path.resolve(serviceDir, fileName);
    const fail = (message) => {
      throw new this.serverless.classes.Error(message, 'IVS_GUARD_INVALID_POLICIES');
    };
    if (!existsSync(file)) fail(`${fileName} not found: the guard deploys the policy document at ${file}`);

    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', CHILD, pathToFileURL(path.join(serviceDir, VALIDATOR)).href, file, fileName],
      { cwd: serviceDir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 60_000 },
    );
    const output = `${child.stderr ?? ''}${child.stdout ?? ''}`.trim();
    if (child.error) fail(`could not validate ${fileName}: ${child.error.message}`);
    if (child.status === 1) fail(`${fileName} is not a valid policy document:\n${output}`);
    if (child.status !== 0) fail(`could not validate ${fileName} (exit ${child.status ?? child.signal}):\n${output}`);
    this.log?.notice?.(`${fileName}: valid policy document`);
  }
}

module.exports = ValidatePoliciesPlugin;
