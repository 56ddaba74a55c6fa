/**
 * Which operation a request is for, from the models' `http.method` and `http.requestUri`.
 *
 * IVS and IVS real-time share a signing name (`ivs`) and, behind one endpoint, three paths:
 * `/tags/{resourceArn}` (TagResource, UntagResource, ListTagsForResource). The ARN in the path
 * settles them: stages, compositions and the other real-time resources belong to `ivs-realtime`.
 * EventBridge (AWS JSON 1.1) is told apart by its `X-Amz-Target` header.
 */
import type { ServiceName } from './model.ts';
import { MODELS } from './model.ts';
import { parseArn } from './arn.ts';

export type Route =
  | { kind: 'api'; service: ServiceName; operation: string; labels: Record<string, string>; query: URLSearchParams }
  | { kind: 'eventbridge'; operation: string }
  | { kind: 'unknown'; message: string };

/** Resource types of the real-time API (the `…:<type>/…` of its ARN shapes). */
const REALTIME_RESOURCES = new Set(['stage', 'composition', 'encoder-configuration', 'storage-configuration', 'ingest-configuration', 'public-key']);

interface Template {
  service: ServiceName;
  operation: string;
  method: string;
  regex: RegExp;
  labels: string[];
}

function templateOf(service: ServiceName, operation: string, http: { method: string; requestUri: string }): Template {
  const labels: string[] = [];
  const source = http.requestUri.split('?')[0]?.replace(/\{(\w+)\+?\}/g, (_, label: string) => {
    labels.push(label);
    return '([^/]+)';
  });
  return { service, operation, method: http.method, regex: new RegExp(`^${source ?? ''}$`), labels };
}

const SERVICES = Object.keys(MODELS) as ServiceName[];
const TEMPLATES: Template[] = SERVICES.flatMap((service) => Object.entries(MODELS[service].operations).map(([operation, { http }]) => templateOf(service, operation, http)));
/** The models' other operations, only to name them when they are called. */
const UNSERVED: Template[] = SERVICES.flatMap((service) => Object.entries(MODELS[service].unserved ?? {}).map(([operation, http]) => templateOf(service, operation, http)));

/** What the emulator serves, for an error that must say it: `ivs: BatchGetChannel, …; ivs-realtime: …`. */
export function servedOperations(): string {
  return SERVICES.map((service) => `${service}: ${Object.keys(MODELS[service].operations).sort().join(', ')}`).join('; ');
}

/** Routes of the URLs seen so far without a query string (the IVS operations are `POST /Name`): a lookup, not a scan of every template. */
const ROUTED = new Map<string, Route>();
const ROUTED_MAX = 1_000;

/** The route of a request; the same object for the same method and URL (callers only read it). */
export function routeRequest(method: string, url: string, target: string | undefined): Route {
  if (target !== undefined || url.includes('?')) return routeOf(method, url, target);
  const key = `${method} ${url}`;
  let route = ROUTED.get(key);
  if (!route) {
    route = routeOf(method, url, undefined);
    if (ROUTED.size >= ROUTED_MAX) ROUTED.clear();
    ROUTED.set(key, route);
  }
  return route;
}

function routeOf(method: string, url: string, target: string | undefined): Route {
  if (target !== undefined) {
    const [prefix, operation = ''] = target.split('.');
    if (prefix === 'AWSEvents' && method === 'POST') return { kind: 'eventbridge', operation };
    return { kind: 'unknown', message: `The emulator serves no X-Amz-Target '${target}' (it serves events: PutEvents; ${servedOperations()})` };
  }
  const [path = '/', search = ''] = url.split('?');
  const query = new URLSearchParams(search);
  const candidates = TEMPLATES.flatMap((template) => {
    const match = template.method === method ? template.regex.exec(path) : null;
    if (!match) return [];
    const labels = Object.fromEntries(template.labels.map((label, i) => [label, safeDecode(match[i + 1] ?? '')]));
    return [{ kind: 'api' as const, service: template.service, operation: template.operation, labels, query }];
  });
  if (candidates.length === 0) return unknownAt(method, path);
  if (candidates.length === 1) return candidates[0] ?? unknownAt(method, path);
  const arn = Object.values(candidates[0]?.labels ?? {})[0] ?? '';
  const service: ServiceName = REALTIME_RESOURCES.has(parseArn(arn)?.resourceType ?? '') ? 'ivs-realtime' : 'ivs';
  return candidates.find((c) => c.service === service) ?? candidates[0] ?? unknownAt(method, path);
}

/** An operation the emulator does not serve, named if the models know it, with what it does serve. */
function unknownAt(method: string, path: string): Route {
  const known = UNSERVED.filter((t) => t.method === method && t.regex.test(path)).map((t) => `${t.service} ${t.operation}`);
  const what = known.length > 0 ? `does not serve the operation ${[...new Set(known)].join(' / ')} (${method} ${path})` : `serves no operation at ${method} ${path}`;
  return { kind: 'unknown', message: `The emulator ${what}. It serves ${servedOperations()}` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
