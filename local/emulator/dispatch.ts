/**
 * What the emulator answers one request, in the order the service would decide it: route, faults,
 * quota, errors a test asked for, input validation against the model, then the operation itself.
 */
import { EVENTBRIDGE_ERROR_STATUS, putEvents } from './eventbridge.ts';
import { ApiError, restErrorBody, validationError } from './errors.ts';
import type { FaultInjector } from './faults.ts';
import type { ServiceName } from './model.ts';
import { errorStatus, operationOf, shapeOf } from './model.ts';
import { OPERATIONS } from './operations/index.ts';
import type { Random } from './prng.ts';
import type { QuotaGate } from './quota.ts';
import type { Route } from './router.ts';
import { routeRequest, servedOperations } from './router.ts';
import type { CallRecord, PublishedEntry } from './types.ts';
import { isRecord, validate } from './validate.ts';
import type { EmulatorWorld } from './world.ts';

export interface Request {
  method: string;
  url: string;
  /** The `X-Amz-Target` header (AWS JSON protocols). */
  target: string | undefined;
  body: string;
}

export type Answer =
  | { kind: 'drop'; service: CallRecord['service']; operation: string }
  /** The operation was applied (`status` is what it would have answered), then the connection is dropped. */
  | { kind: 'lost'; service: CallRecord['service']; operation: string; status: number; errorType?: string }
  | {
      kind: 'respond';
      service: CallRecord['service'];
      operation: string;
      status: number;
      contentType: string;
      body: string;
      errorType?: string;
      fault?: CallRecord['fault'];
    };

export interface DispatchContext {
  world: EmulatorWorld;
  published: PublishedEntry[];
  faults: FaultInjector;
  quota: QuotaGate | undefined;
  /** Errors a test asked for, by operation: the next calls answer them in order. */
  injected: Map<string, string[]>;
  /** Answers a test asked to lose, by operation: the next calls are applied, then dropped unanswered. */
  lose?: Map<string, number>;
  random: Random;
}

/** Draws no fault: the operation behind a `lost` fault is answered as without faults. */
const NO_FAULT = { next: () => undefined } as unknown as FaultInjector;

const REST_JSON = 'application/json';
const AWS_JSON = 'application/x-amz-json-1.1';

export function dispatch(context: DispatchContext, request: Request): Answer {
  const answer = answerOf(context, request);
  if (answer.kind !== 'respond' || answer.fault !== 'lost') return answer;
  return { kind: 'lost', service: answer.service, operation: answer.operation, status: answer.status, ...(answer.errorType ? { errorType: answer.errorType } : {}) };
}

function answerOf(context: DispatchContext, request: Request): Answer {
  const route = routeRequest(request.method, request.url, request.target);
  if (route.kind === 'unknown') {
    const protocol = request.target === undefined ? 'rest' : 'json';
    return errorAnswer('unknown', 'unknown', new ApiError('UnknownOperationException', route.message), protocol, protocol === 'rest' ? 404 : 400);
  }
  const service = route.kind === 'api' ? route.service : 'eventbridge';
  const protocol = route.kind === 'api' ? 'rest' : 'json';
  const fail = (error: ApiError, fault?: CallRecord['fault']): Answer => errorAnswer(service, route.operation, error, protocol, statusOf(route, error.type), fault);

  const fault = loseAsked(context, route.operation) ? 'lost' : context.faults.next();
  if (fault === 'drop') return { kind: 'drop', service, operation: route.operation };
  if (fault === 'throttle') return fail(new ApiError('ThrottlingException', 'Rate exceeded'), 'throttle');
  if (fault === 'error') {
    const type = route.kind === 'api' ? 'InternalServerException' : 'InternalException';
    return fail(new ApiError(type, 'We encountered an internal error. Please try again.'), 'error');
  }
  if (fault === 'lost') {
    // Applied as usual; only the answer is lost on the way back.
    const applied = answerOf({ ...context, faults: NO_FAULT, lose: new Map() }, request);
    return applied.kind === 'respond' ? { ...applied, fault: 'lost' } : applied;
  }

  let input: Record<string, unknown>;
  try {
    input = parseBody(request.body);
  } catch {
    return fail(new ApiError(route.kind === 'api' ? 'ValidationException' : 'SerializationException', 'The request body is not a JSON object'));
  }

  const injected = context.injected.get(route.operation)?.shift();
  if (injected) return fail(new ApiError(injected, `Injected ${injected} for ${route.operation}`), 'injected');

  try {
    if (route.kind === 'eventbridge') {
      if (route.operation !== 'PutEvents') throw new ApiError('UnknownOperationException', `The emulator does not serve the EventBridge operation ${route.operation}. It serves events: PutEvents; ${servedOperations()}`);
      return success(service, route.operation, 200, AWS_JSON, putEvents(input, context.published, context.random, () => context.world.now()));
    }
    return callOperation(context, route, input, fail);
  } catch (error) {
    if (error instanceof ApiError) return fail(error);
    const message = error instanceof Error ? error.message : String(error);
    return fail(new ApiError(route.kind === 'api' ? 'InternalServerException' : 'InternalException', `Emulator failure: ${message}`));
  }
}

/** An IVS or IVS real-time operation: quota, then the model's input constraints, then the handler. */
function callOperation(context: DispatchContext, route: Extract<Route, { kind: 'api' }>, input: Record<string, unknown>, fail: (error: ApiError, fault: CallRecord['fault']) => Answer): Answer {
  const operation = operationOf(route.service, route.operation);
  Object.assign(input, boundMembers(route.service, operation.input?.shape, route.labels, route.query));
  if (context.quota && !context.quota.take(route.operation, typeof input.channelArn === 'string' ? input.channelArn : undefined)) {
    return fail(new ApiError('ThrottlingException', 'Rate exceeded'), 'quota');
  }
  if (operation.input) {
    const issues = validate(route.service, operation.input.shape, input);
    if (issues.length > 0) throw validationError(issues);
  }
  const handler = OPERATIONS[route.service][route.operation];
  if (!handler) throw new ApiError('UnknownOperationException', `The emulator does not implement ${route.service} ${route.operation}. It serves ${servedOperations()}`);
  return success(route.service, route.operation, operation.http.responseCode ?? 200, REST_JSON, handler(context.world, input));
}

/** Whether a test asked to lose this call's answer (`Emulator.loseNext`); counts the ask down. */
function loseAsked(context: DispatchContext, operation: string): boolean {
  const left = context.lose?.get(operation) ?? 0;
  if (left <= 0) return false;
  context.lose?.set(operation, left - 1);
  return true;
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed)) throw new Error('not an object');
  return parsed;
}

/**
 * Members the model binds to the URI (`/tags/{resourceArn}`) or the query string
 * (`?tagKeys=a&tagKeys=b`), by member name; a list member takes every value of its key.
 */
function boundMembers(service: ServiceName, inputShape: string | undefined, labels: Record<string, string>, query: URLSearchParams): Record<string, unknown> {
  if (!inputShape) return {};
  const members = Object.entries(shapeOf(service, inputShape).members ?? {});
  return Object.fromEntries(
    members.flatMap(([name, ref]): [string, unknown][] => {
      const key = ref.locationName ?? name;
      if (ref.location === 'uri') return labels[key] === undefined ? [] : [[name, labels[key]]];
      if (ref.location !== 'querystring' || !query.has(key)) return [];
      return [[name, shapeOf(service, ref.shape).type === 'list' ? query.getAll(key) : query.get(key)]];
    }),
  );
}

/** The model's status for an error shape; throttling is a 429 wherever it comes from (IVS-FACTS). */
function statusOf(route: Route, type: string): number {
  if (route.kind !== 'api') return EVENTBRIDGE_ERROR_STATUS[type] ?? 400;
  return errorStatus(route.service, type) ?? errorStatus('ivs', type) ?? (type === 'ThrottlingException' ? 429 : 500);
}

function success(service: CallRecord['service'], operation: string, status: number, contentType: string, output: object | undefined): Answer {
  const body = status === 204 || output === undefined ? '' : JSON.stringify(output);
  return { kind: 'respond', service, operation, status, contentType, body };
}

/**
 * rest-json: `{"exceptionMessage", "message"}`: the first is the IVS error shapes' member (the SDK for
 * JavaScript reads it), the second is where botocore and the AWS CLI look for the message. JSON 1.1:
 * `{"__type", "message"}`.
 */
function errorAnswer(service: CallRecord['service'], operation: string, error: ApiError, protocol: 'rest' | 'json', status: number, fault?: CallRecord['fault']): Answer {
  const body = protocol === 'rest' ? restErrorBody(error.message) : { __type: error.type, message: error.message };
  return {
    kind: 'respond',
    service,
    operation,
    status,
    contentType: protocol === 'rest' ? REST_JSON : AWS_JSON,
    body: JSON.stringify(body),
    errorType: error.type,
    ...(fault ? { fault } : {}),
  };
}
