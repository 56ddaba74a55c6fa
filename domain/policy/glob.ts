/**
 * Globs for ARNs and `match … glob`: `*` matches any run of characters (`:` and `/` included, as ARNs need),
 * `?` one character, `\` escapes the next one; everything else matches itself. The whole string must match.
 */

/** Compiles a glob to an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob.charAt(i);
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '\\' && i + 1 < glob.length) source += escapeRegExp(glob.charAt(++i));
    else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 's');
}

/** Whether `text` matches `glob`. Compiled globs are memoised: policies repeat theirs on every event. */
export function globMatches(glob: string, text: string): boolean {
  let regExp = cache.get(glob);
  if (regExp === undefined) {
    regExp = globToRegExp(glob);
    cache.set(glob, regExp);
  }
  return regExp.test(text);
}
const cache = new Map<string, RegExp>();

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}
