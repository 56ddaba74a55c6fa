/**
 * What `ivs-guard emulator` prints when it is up: AWS CLI commands that work against any world (the
 * integration tests run each one), so a first try never meets UnknownOperationException.
 */

/** The example commands for an emulator at `url`. */
export function exampleCommands(url: string): string[] {
  // The region is the emulator's own: without it, an AWS CLI with no configured region refuses to run.
  return ['ivs list-channels', 'ivs list-streams', 'ivs-realtime list-stages'].map((command) => `aws ${command} --endpoint-url ${url} --region us-west-2`);
}

/** The banner's lines (for stderr), ending in a newline. */
export function banner(url: string): string {
  return `IVS emulator listening on ${url} (Ctrl-C to stop)\n${exampleCommands(url).map((c) => `  e.g. ${c}\n`).join('')}`;
}
