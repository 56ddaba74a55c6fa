/**
 * What `ivs-guard emulator` prints when it is up: AWS CLI commands that work against any world (the
 * integration tests run each one), so a first try never meets UnknownOperationException.
 */

/** The example commands for an emulator at `url`. */
export function exampleCommands(url: string): string[] {
  return [`aws ivs list-channels --endpoint-url ${url}`, `aws ivs list-streams --endpoint-url ${url}`, `aws ivs-realtime list-stages --endpoint-url ${url}`];
}

/** The banner's lines (for stderr), ending in a newline. */
export function banner(url: string): string {
  return `IVS emulator listening on ${url} (Ctrl-C to stop)\n${exampleCommands(url).map((c) => `  e.g. ${c}\n`).join('')}`;
}
