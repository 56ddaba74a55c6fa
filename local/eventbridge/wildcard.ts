/**
 * The `wildcard` operator's own little language: `*` stands for any run of characters (none
 * included), `\*` for a literal asterisk and `\\` for a literal backslash. The whole value must
 * match: the user guide's `"FileName": [ { "wildcard": "dir/*.png" } ]` is "Any file with a .png
 * extension, located within the folder "dir"".
 *
 * AWS's announcement: "Wildcard filters use the wildcard character (*) to match zero, single, or
 * multiple characters in a string value." Event Ruler, the engine EventBridge runs, spells out
 * the escaping: "consecutive wildcard characters are not allowed. To match the asterisk character
 * specifically, a wildcard character can be escaped with a backslash. Two consecutive backslashes
 * (i.e. a backslash escaped with a backslash) represents the actual backslash character. A
 * backslash escaping any character other than asterisk or backslash is not allowed."
 */

/** A parsed wildcard: the literal pieces between the `*`s, in order. */
export interface Wildcard {
  /** The text as written in the pattern. */
  readonly source: string;
  /** Literal pieces; a `*` stands between each two of them. One piece means no `*` at all. */
  readonly pieces: readonly string[];
}

/** The outcome of {@link parseWildcard}: the wildcard, or why it is not one. */
export type WildcardParse = { readonly ok: true; readonly wildcard: Wildcard } | { readonly ok: false; readonly error: string };

/** Parses a wildcard expression, refusing consecutive `*` and stray backslashes. */
export function parseWildcard(source: string): WildcardParse {
  const pieces: string[] = [];
  let current = '';
  let previousWasStar = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') {
      const next = source[index + 1];
      if (next !== '*' && next !== '\\') {
        return { ok: false, error: `a backslash may only escape "*" or "\\" (position ${index + 1})` };
      }
      current += next;
      index += 1;
      previousWasStar = false;
    } else if (char === '*') {
      if (previousWasStar) {
        return { ok: false, error: `consecutive wildcard characters are not allowed (position ${index + 1})` };
      }
      pieces.push(current);
      current = '';
      previousWasStar = true;
    } else {
      current += char;
      previousWasStar = false;
    }
  }
  pieces.push(current);
  return { ok: true, wildcard: { source, pieces } };
}

/** Whether `value` matches the whole wildcard (not a part of it). */
export function matchesWildcard(wildcard: Wildcard, value: string): boolean {
  const { pieces } = wildcard;
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] ?? '';
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // With `*` as the only metacharacter, taking each middle piece at its leftmost place is optimal.
  let cursor = first.length;
  const end = value.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const at = value.indexOf(piece, cursor);
    if (at < 0 || at + piece.length > end) return false;
    cursor = at + piece.length;
  }
  return true;
}
