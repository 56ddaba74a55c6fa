/**
 * Reads a function's artifact (a zip, stored or deflated, as osls and serverless-esbuild write it) without an
 * `unzip` on the machine: its entries (`readZip`, which the packaging test looks inside), or unpacked into a
 * directory, the function's task root, as Lambda unpacks it (`unzipTo`).
 *
 * @example
 * ```ts
 * readZip('.serverless/stream.zip').get('handlers/stream.mjs'); // the bundle's bytes
 * unzipTo('.serverless/stream.zip', taskRoot); // ['handlers/stream.mjs', …]
 * ```
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

/** The files of a zip archive, by path, with their uncompressed contents; throws naming the archive and the entry at fault. */
export function readZip(zipFile: string): Map<string, Buffer> {
  const zip = readFileSync(zipFile);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error(`${zipFile}: not a zip archive`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);

  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`${zipFile}: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;

    if (zip.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) throw new Error(`${zipFile}: bad local header for ${name}`);
    const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${zipFile}: ${name} uses compression method ${method}`);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
  }
  return entries;
}

/** Writes every file of `zipFile` under `dir` and returns their paths; an entry that points outside `dir` fails, naming it. */
export function unzipTo(zipFile: string, dir: string): string[] {
  const written: string[] = [];
  for (const [name, data] of readZip(zipFile)) {
    const target = normalize(join(dir, name));
    if (!target.startsWith(normalize(dir) + sep)) throw new Error(`${zipFile}: entry ${name} points outside the archive`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    written.push(name);
  }
  return written;
}
