/**
 * Splits text holding JSON values one after the other (`{...}{...}`, pretty-printed or not, as two
 * `generate-event` runs print them) into those values. A value that does not parse is reported with
 * the line it starts on, and reading goes on after it.
 */

/** One value found in the text: parsed, or why not; `line` is where it starts (1-based). */
export type JsonPiece = { ok: true; value: unknown; line: number } | { ok: false; message: string; line: number };

/** The values of `text`, in order. */
export function splitJsonValues(text: string): JsonPiece[] {
  const pieces: JsonPiece[] = [];
  let at = 0;
  while (at < text.length) {
    at = skipSpace(text, at);
    if (at >= text.length) break;
    const line = lineAt(text, at);
    const end = valueEnd(text, at);
    const chunk = text.slice(at, end);
    try {
      pieces.push({ ok: true, value: JSON.parse(chunk) as unknown, line });
    } catch (error) {
      pieces.push({ ok: false, message: (error as Error).message, line });
    }
    at = end;
  }
  return pieces;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at += 1;
  return at;
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i += 1) if (text[i] === '\n') line += 1;
  return line;
}

/**
 * Where the value starting at `start` ends: after its closing bracket for an object or array (strings
 * and escapes respected), else at the end of the line (a scalar, or garbage reported as one piece).
 */
function valueEnd(text: string, start: number): number {
  if (text[start] !== '{' && text[start] !== '[') {
    const newline = text.indexOf('\n', start);
    return newline === -1 ? text.length : newline + 1;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}
