/**
 * Reads replay input: `.json` (one event or an array), `.jsonl` (one event a line), a directory
 * (recursively, in name order), or `-` for standard input. Unreadable pieces become input errors
 * that name the file and line; everything readable is still returned.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface InputEvent {
  /** The event as read: usually an EventBridge event object, possibly anything. */
  raw: unknown;
  /** `file.jsonl:12`, `file.json[3]`, `-:4`: where it came from. */
  origin: string;
}

export interface InputError {
  origin: string;
  message: string;
}

export interface ReadResult {
  events: InputEvent[];
  errors: InputError[];
}

/** Reads every path in order. `readStdin` is injectable for tests. */
export async function readEvents(paths: string[], readStdin: () => Promise<string> = readAllStdin): Promise<ReadResult> {
  const result: ReadResult = { events: [], errors: [] };
  for (const path of paths) {
    if (path === '-') {
      parseText(await readStdin(), '-', result, 'jsonl-or-json');
      continue;
    }
    await readPath(path, result);
  }
  return result;
}

async function readPath(path: string, result: ReadResult): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    result.errors.push({ origin: path, message: `no such file or directory: ${path}` });
    return;
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await readPath(child, result);
      else if (/\.jsonl?$/.test(entry.name)) await readPath(child, result);
    }
    return;
  }
  const text = await readFile(path, 'utf8');
  parseText(text, path, result, path.endsWith('.jsonl') ? 'jsonl' : 'json');
}

function parseText(text: string, origin: string, result: ReadResult, format: 'json' | 'jsonl' | 'jsonl-or-json'): void {
  if (format === 'json' || (format === 'jsonl-or-json' && isWholeJson(text))) {
    try {
      const value: unknown = JSON.parse(text);
      const list = Array.isArray(value) ? value : [value];
      list.forEach((raw, index) => result.events.push({ raw, origin: Array.isArray(value) ? `${origin}[${index}]` : origin }));
    } catch (error) {
      result.errors.push({ origin, message: `not valid JSON: ${(error as Error).message}` });
    }
    return;
  }
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const lineOrigin = `${origin}:${index + 1}`;
    try {
      result.events.push({ raw: JSON.parse(line) as unknown, origin: lineOrigin });
    } catch (error) {
      result.errors.push({ origin: lineOrigin, message: `not valid JSON: ${(error as Error).message}` });
    }
  });
}

/** Standard input may hold one JSON document (pretty-printed, as generate-event prints it) or JSON lines. */
function isWholeJson(text: string): boolean {
  if (/^\s*\[/.test(text)) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
