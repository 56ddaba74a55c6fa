/**
 * JMESPath for `match` conditions: checking a path at load (syntax, functions, what it reads) and searching with it.
 * A path reads `{event, session, participant}`; knowing which of them it reads tells the pipeline what to fetch.
 *
 * The implementation is `@jmespath-community/jmespath` (typed, the JMESPath Community Edition): its syntax
 * tree is a discriminated union, so every node kind below is checked by the compiler.
 */
import { compile, search } from '@jmespath-community/jmespath';
import type { JSONValue } from '@jmespath-community/jmespath';

/** A node of the syntax tree `compile` builds (the package exports the union only as `compile`'s result). */
type ExpressionNode = ReturnType<typeof compile>;

/** What a `match` path may read. */
export const MATCH_ROOTS = ['event', 'session', 'participant'] as const;

/** The functions a `match` path may call: the JMESPath specification's, not the Community Edition's additions. */
const FUNCTIONS = new Set([
  'abs', 'avg', 'ceil', 'contains', 'ends_with', 'floor', 'join', 'keys', 'length', 'map', 'max', 'max_by', 'merge', 'min',
  'min_by', 'not_null', 'reverse', 'sort', 'sort_by', 'starts_with', 'sum', 'to_array', 'to_number', 'to_string', 'type', 'values',
]);

/**
 * Why `path` cannot be used in a `match`, in words for a load error; `undefined` when it can. Checks its syntax,
 * its functions, and that it reads only event, session or participant at the top level.
 *
 * @example
 * pathProblem('event.detail.code');   // undefined
 * pathProblem('size(event.x)');       // 'invalid JMESPath: unknown function size()'
 */
export function pathProblem(path: string): string | undefined {
  const syntax = expressionProblem(path);
  if (syntax !== undefined) return syntax;
  const tree = compile(path);
  const unknownFunction = functionNames(tree).find((name) => !FUNCTIONS.has(name));
  if (unknownFunction !== undefined) return `invalid JMESPath: unknown function ${unknownFunction}()`;
  const roots = rootFields(tree);
  const strays = [...roots].filter((root) => !(MATCH_ROOTS as readonly string[]).includes(root));
  if (roots.size > 0 && strays.length === 0) return undefined;
  const what = strays.length > 0 ? `reads ${strays.map((s) => (s === '@' ? 'the whole context' : `'${s}'`)).join(', ')}` : 'reads nothing';
  return `path ${what}: it must start with event, session or participant (e.g. event.detail.code)`;
}

/**
 * The top-level names a path reads (`@` when it reads the whole context). Memoised: policies repeat their paths.
 *
 * @example
 * pathRoots('[event.id, session.state]');   // Set {'event', 'session'}
 */
export function pathRoots(path: string): ReadonlySet<string> {
  let roots = rootsCache.get(path);
  if (roots === undefined) {
    roots = rootFields(compile(path));
    rootsCache.set(path, roots);
  }
  return roots;
}
const rootsCache = new Map<string, Set<string>>();

/**
 * Evaluates `path` over `data` (JSON: what the pipeline gives a `match`); a runtime error (e.g. a function given
 * the wrong type) comes back as `error`.
 *
 * @example
 * searchPath({ event: { id: 'e1' } }, 'event.id');   // { value: 'e1' }
 */
export function searchPath(data: unknown, path: string): { value: unknown } | { error: string } {
  try {
    return { value: search(data as JSONValue, path) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Evaluates a JMESPath expression over any JSON-shaped value (the CLI's `--query` over a report or ledger
 * entries); a syntax or runtime error is thrown as the library's `Error`.
 *
 * @example
 * searchJson({ summary: { applied: 2 } }, 'summary.applied');   // 2
 */
export function searchJson(data: unknown, expression: string): unknown {
  return search(data as JSONValue, expression);
}

/**
 * Why `expression` is not valid JMESPath syntax, in words; `undefined` when it is. For options such as
 * `--query`, checked before anything runs.
 *
 * @example
 * expressionProblem('summary.[');   // 'invalid JMESPath: Invalid token (EOF): ""'
 */
export function expressionProblem(expression: string): string | undefined {
  try {
    compile(expression);
    return undefined;
  } catch (error) {
    // The library says "Syntax error: invalid token (EOF): ..."; "invalid JMESPath: " says the first part already.
    const message = (error instanceof Error ? error.message : String(error)).replace(/^Syntax error: /, '');
    return `invalid JMESPath: ${message.charAt(0).toUpperCase()}${message.slice(1)}`;
  }
}

/**
 * JMESPath equality (the specification's `==`): the same JSON type and value, objects and arrays compared deeply,
 * key order ignored.
 *
 * @example
 * strictDeepEqual({ a: [1, 2] }, { a: [1, 2] });   // true
 * strictDeepEqual(1, '1');                         // false
 */
export function strictDeepEqual(first: unknown, second: unknown): boolean {
  if (first === second) return true;
  if (Array.isArray(first) || Array.isArray(second)) {
    return Array.isArray(first) && Array.isArray(second) && first.length === second.length && first.every((item, i) => strictDeepEqual(item, second[i]));
  }
  if (!isObject(first) || !isObject(second)) return false;
  const keys = Object.keys(first);
  return keys.length === Object.keys(second).length && keys.every((key) => Object.hasOwn(second, key) && strictDeepEqual(first[key], second[key]));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The sub-expressions of `node` that are evaluated against the value `node` itself is evaluated against. */
function readsOfCurrent(node: ExpressionNode): ExpressionNode[] {
  switch (node.type) {
    // The right side of these is evaluated against the left side's result (or its elements).
    case 'Subexpression':
    case 'IndexExpression':
    case 'Projection':
    case 'ValueProjection':
    case 'FilterProjection':
    case 'Pipe':
      return [node.left];
    case 'AndExpression':
    case 'OrExpression':
    case 'Comparator':
    case 'Arithmetic':
      return [node.left, node.right];
    case 'Flatten':
    case 'NotExpression':
      return [node.child];
    case 'Unary':
      return [node.operand];
    case 'MultiSelectList':
    case 'Function':
      return node.children;
    case 'MultiSelectHash':
      return node.children.map((pair) => pair.value);
    case 'LetExpression':
      return [...node.bindings.map((binding) => binding.reference), node.expression];
    case 'Binding':
      return [node.reference];
    case 'Ternary':
      return [node.condition, node.trueExpr, node.falseExpr];
    // Constants, references to a variable, and `&expr` (evaluated later, against elements) read nothing here.
    case 'ExpressionReference':
    case 'Literal':
    case 'Index':
    case 'Slice':
    case 'Variable':
    case 'Field':
    case 'Identity':
    case 'Current':
    case 'Root':
      return [];
  }
}

function rootFields(node: ExpressionNode): Set<string> {
  if (node.type === 'Field') return new Set([node.name]);
  if (node.type === 'Identity' || node.type === 'Current' || node.type === 'Root') return new Set(['@']);
  return new Set(readsOfCurrent(node).flatMap((child) => [...rootFields(child)]));
}

/** Every function a path calls, wherever it is evaluated. */
function functionNames(node: ExpressionNode): string[] {
  const own = node.type === 'Function' ? [node.name] : [];
  return [...own, ...subExpressions(node).flatMap(functionNames)];
}

/** Every direct sub-expression of `node`. */
function subExpressions(node: ExpressionNode): ExpressionNode[] {
  switch (node.type) {
    case 'Subexpression':
    case 'IndexExpression':
    case 'Projection':
    case 'ValueProjection':
    case 'Pipe':
      return [node.left, node.right];
    case 'FilterProjection':
      return [node.left, node.right, node.condition];
    case 'ExpressionReference':
      return [node.child];
    default:
      return readsOfCurrent(node);
  }
}
