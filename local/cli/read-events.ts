/**
 * Reads replay input: `.json` (one event, an array, or concatenated JSON values), `.jsonl` (one event
 * a line), a directory (recursively, in name order), or `-` for standard input (any of those forms).
 * Unreadable pieces become input errors that name the file and line, and keep their place in the
 * input (`position`); everything readable is still returned.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { splitJsonValues } from './json-values.ts';

/** One event as read, before any parsing. */
export interface InputEvent {
  /** The event as read: usually an EventBridge event object, possibly anything. */
  raw: unknown;
  /** `file.jsonl:12`, `file.json[3]`, `-:4`: where it came from. */
  origin: string;
}

/** A piece of input that could not be read as JSON. */
export interface InputError {
  origin: string;
  message: string;
  /** How many events were read before it: the report puts it there (at the start when absent). */
  position?: number;
}

/** Everything read, in input order (errors placed by their `position`). */
export interface ReadResult {
  events: InputEvent[];
  errors: InputError[];
}

/** Reads every path in order. `readStdin` is injectable for tests. */
export async function readEvents(paths: string[], readStdin: () => Promise<string> = readAllStdin): Promise<ReadResult> {
  const result: ReadResult = { events: [], errors: [] };
  for (const path of paths) {
    if (path === '-') {
      parseText(await readStdin(), '-', result, 'any');
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
    addError(result, path, `no such file or directory: ${path}`);
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
  if (path.endsWith('.jsonl')) {
    await readJsonLines(path, result);
    return;
  }
  parseText(await readFile(path, 'utf8'), path, result, 'any');
}

/** A `.jsonl` file as it streams in, a line at a time: neither the whole text nor all its lines are held at once. */
async function readJsonLines(path: string, result: ReadResult): Promise<void> {
  let rest = '';
  let line = 0;
  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop()!;
    for (const text of lines) parseLine(text.endsWith('\r') ? text.slice(0, -1) : text, `${path}:${(line += 1)}`, result);
  }
  parseLine(rest, `${path}:${line + 1}`, result);
}

function parseLine(line: string, lineOrigin: string, result: ReadResult): void {
  if (line.trim() === '') return;
  try {
    result.events.push({ raw: JSON.parse(line, sharing) as unknown, origin: lineOrigin });
  } catch (error) {
    addError(result, lineOrigin, `not valid JSON: ${(error as Error).message}`);
  }
}

function addError(result: ReadResult, origin: string, message: string): void {
  result.errors.push({ origin, message, position: result.events.length });
}

/**
 * `jsonl`: one value a line, each bad line an error of its own. `any`: one JSON document (an array
 * is its events), JSON lines, or concatenated JSON values (`generate-event` twice, pretty-printed).
 */
function parseText(text: string, origin: string, result: ReadResult, format: 'jsonl' | 'any'): void {
  if (text.trim() === '') return;
  if (format === 'any') {
    const whole = parseWhole(text);
    if (whole.ok) {
      const list = Array.isArray(whole.value) ? whole.value : [whole.value];
      list.forEach((raw, index) => result.events.push({ raw, origin: Array.isArray(whole.value) ? `${origin}[${index}]` : origin }));
      return;
    }
    if (!looksLikeJsonLines(text)) {
      for (const piece of splitJsonValues(text)) {
        const at = `${origin}:${piece.line}`;
        if (piece.ok) result.events.push({ raw: piece.value, origin: at });
        else addError(result, at, `not valid JSON: ${piece.message}`);
      }
      return;
    }
  }
  text.split(/\r?\n/).forEach((line, index) => parseLine(line, `${origin}:${index + 1}`, result));
}

function parseWhole(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text, sharing) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Equal strings of different events as one string: a day of events repeats its types, sources, accounts,
 * regions, ARNs and stream ids in every event, and each parsed copy would stay in memory until the replay
 * has decided its event (about half of what 100,000 read events hold). Remembers at most `SHARED_MAX`
 * strings, forgetting them all when full, so values seen once (ids, times) cost nothing for long.
 */
const SHARED_MAX = 10_000;
let shared = new Map<string, string>();
function sharing(_key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const known = shared.get(value);
  if (known !== undefined) return known;
  if (shared.size >= SHARED_MAX) shared = new Map();
  shared.set(value, value);
  return value;
}

/** Every non-empty line opens and closes a value on itself: JSON lines, where a bad line stays one error. */
function looksLikeJsonLines(text: string): boolean {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .every((line) => /^\s*[[{]/.test(line) && /[\]}]\s*$/.test(line));
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
