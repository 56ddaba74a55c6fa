/**
 * `maxResults`/`nextToken` paging as the List operations do it. A token is an opaque base64 string
 * (the model's PaginationToken pattern) that only this emulator understands.
 */
import { invalid } from '../errors.ts';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(items: T[], input: { maxResults?: number; nextToken?: string }, defaultMax: number): Page<T> {
  const start = input.nextToken ? offsetOf(input.nextToken) : 0;
  const end = start + (input.maxResults ?? defaultMax);
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextToken: Buffer.from(`offset:${end}`).toString('base64') } : { items: page };
}

function offsetOf(token: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!match) throw invalid(`The nextToken '${token}' is not valid`);
  return Number(match[1]);
}
