/**
 * `ivs-guard validate [FILE]`: checks a policy document; each mistake with its line.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_MODERATION_SOURCE } from '../../../domain/events/revocation-request.ts';
import { loadPolicyDocument, PolicyDocumentError } from '../../../domain/policy/index.ts';
import { unreachedPolicies } from '../../../domain/policy/reach.ts';
import { loadRoutes, route } from '../../eventbridge/router.ts';
import { deployedFunctions } from '../../replay/invoke.ts';
import { parseOptions, UsageError } from '../args.ts';

const USAGE = 'usage: ivs-guard validate [FILE]\n\nChecks a policy document (default policies.yml) and points at the line of each mistake.\nWarns (exit 0) about a policy whose `on` reaches no deployed function.\nExit status: 0 valid, 1 not valid, 2 a usage error (no such file).\n';

/** Runs `ivs-guard validate`; resolves to its exit status. */
export async function runValidate(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { usage: USAGE, options: {} });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`validate checks one FILE at a time, not ${positionals.length}`, USAGE);
  const file = positionals[0] ?? 'policies.yml';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    const doc = loadPolicyDocument(text, file);
    process.stdout.write(`${file}: valid (${doc.policies.length} ${doc.policies.length === 1 ? 'policy' : 'policies'}, mode ${doc.mode})\n`);
    // Valid, but a policy no deployed rule can deliver an event to would never fire: say so, without failing.
    const routes = loadRoutes();
    const receivers = (probe: { source: string; detailType: string }) =>
      route(routes, { source: probe.source, 'detail-type': probe.detailType }).filter((fn) => deployedFunctions().includes(fn));
    for (const unreached of unreachedPolicies(doc, receivers, DEFAULT_MODERATION_SOURCE)) {
      process.stderr.write(`${file}: warning: policies[${unreached.index}] ${unreached.name}: ${unreached.message}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}
