/**
 * JMESPath for `match` conditions: checking a path at load (syntax, functions, what it reads) and searching with it.
 * A path reads `{event, session, participant}`; knowing which of them it reads tells the pipeline what to fetch.
 */
import { compile, search } from 'jmespath';

// @types/jmespath declares only `search`; jmespath.js also exports these.
declare module 'jmespath' {
  export function compile(expression: string): JmesPathNode;
  export function strictDeepEqual(first: unknown, second: unknown): boolean;
}

/** A node of the syntax tree jmespath.js builds. */
export interface JmesPathNode {
  type: string;
  name?: string;
  value?: unknown;
  children?: JmesPathNode[];
}

/** What a `match` path may read. */
export const MATCH_ROOTS = ['event', 'session', 'participant'] as const;

const FUNCTIONS = new Set([
  'abs', 'avg', 'ceil', 'contains', 'ends_with', 'floor', 'join', 'keys', 'length', 'map', 'max', 'max_by', 'merge', 'min',
  'min_by', 'not_null', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_number', 'to_string', 'type', 'values',
]);

/**
 * Why `path` cannot be used in a `match`, in words for a load error; `undefined` when it can. Checks its syntax,
 * its functions, and that it reads only event, session or participant at the top level.
 */
export function pathProblem(path: string): string | undefined {
  let tree: JmesPathNode;
  try {
    tree = compile(path);
  } catch (error) {
    return `invalid JMESPath: ${error instanceof Error ? error.message : String(error)}`;
  }
  const unknownFunction = functionNames(tree).find((name) => !FUNCTIONS.has(name));
  if (unknownFunction !== undefined) return `invalid JMESPath: unknown function ${unknownFunction}()`;
  const roots = rootFields(tree);
  const strays = [...roots].filter((root) => !(MATCH_ROOTS as readonly string[]).includes(root));
  if (roots.size > 0 && strays.length === 0) return undefined;
  const what = strays.length > 0 ? `reads ${strays.map((s) => (s === '@' ? 'the whole context' : `'${s}'`)).join(', ')}` : 'reads nothing';
  return `path ${what}: it must start with event, session or participant (e.g. event.detail.code)`;
}

/** The top-level names a path reads (`@` when it reads the whole context). Memoised: policies repeat their paths. */
export function pathRoots(path: string): ReadonlySet<string> {
  let roots = rootsCache.get(path);
  if (roots === undefined) {
    roots = rootFields(compile(path));
    rootsCache.set(path, roots);
  }
  return roots;
}
const rootsCache = new Map<string, Set<string>>();

/** Evaluates `path` over `data`; a runtime error (e.g. a function given the wrong type) comes back as `error`. */
export function searchPath(data: unknown, path: string): { value: unknown } | { error: string } {
  try {
    return { value: search(data, path) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export { strictDeepEqual } from 'jmespath';

/** Only the left side of these is evaluated against the current (top-level) value; the rest against its result. */
const LEFT_ONLY = new Set(['Subexpression', 'IndexExpression', 'Projection', 'ValueProjection', 'FilterProjection', 'Flatten', 'Pipe']);
/** These are evaluated against elements or are constants: they read nothing at the top level. */
const READS_NOTHING = new Set(['Literal', 'Index', 'Slice', 'ExpressionReference']);

function rootFields(node: JmesPathNode): Set<string> {
  if (node.type === 'Field') return new Set([node.name ?? '']);
  if (node.type === 'Identity' || node.type === 'Current') return new Set(['@']);
  if (READS_NOTHING.has(node.type)) return new Set();
  const children = node.children ?? [];
  const read = LEFT_ONLY.has(node.type) ? children.slice(0, 1) : children;
  const roots = new Set<string>();
  for (const child of read) {
    const target = child.type === 'KeyValuePair' ? (child.value as JmesPathNode) : child;
    for (const root of rootFields(target)) roots.add(root);
  }
  return roots;
}

function functionNames(node: JmesPathNode): string[] {
  const own = node.type === 'Function' && node.name !== undefined ? [node.name] : [];
  const children = node.type === 'KeyValuePair' ? [node.value as JmesPathNode] : (node.children ?? []);
  return [...own, ...children.flatMap(functionNames)];
}
