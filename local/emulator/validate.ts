/**
 * Checks a value against a shape of the API model: required members, types, string lengths,
 * patterns, enums, list and map sizes, number ranges. Used for request bodies (ValidationException)
 * and for world files (which use the API's own shapes).
 */
import { isRecord } from '../../domain/defined.ts';
import { formatPath } from '../../domain/wording.ts';
import type { ServiceName, Shape } from './model.ts';
import { MODELS } from './model.ts';

export type Path = (string | number)[];

export interface Issue {
  path: Path;
  message: string;
}

export interface ValidateOptions {
  /** Unknown members are an error (world files) rather than ignored (requests, as AWS does). */
  strict?: boolean;
  /** Shapes to use instead of, or beside, the model's (the world file's extended shapes). */
  extraShapes?: Record<string, Shape>;
}

/**
 * The model's `ResourceArn` pattern reads `[a-z-]/` (one character before the slash), which no
 * real ARN matches; the service accepts `channel/…`, `stage/…`. The intended `[a-z-]+` is used.
 */
const PATTERN_FIXES: Record<string, string> = {
  ResourceArn: 'arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+',
};

const compiled = new Map<string, RegExp>();

/** Model patterns are matched against the whole value (as the service does), with Unicode classes. */
function patternOf(shapeName: string, pattern: string): RegExp {
  const source = PATTERN_FIXES[shapeName] ?? pattern;
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`, 'u');
    compiled.set(source, regex);
  }
  return regex;
}

/** Every way `value` breaks `shapeName`; empty when it conforms. */
export function validate(service: ServiceName, shapeName: string, value: unknown, path: Path = [], options: ValidateOptions = {}): Issue[] {
  const issues: Issue[] = [];
  const lookup = (name: string): Shape => {
    const shape = options.extraShapes?.[name] ?? MODELS[service].shapes[name];
    if (!shape) throw new Error(`the ${service} model has no shape ${name}`);
    return shape;
  };
  const visit = (name: string, v: unknown, at: Path): void => {
    const shape = lookup(name);
    const problem = (message: string): void => void issues.push({ path: at, message });
    switch (shape.type) {
      case 'structure': {
        if (!isRecord(v)) return problem(`must be an object (${name})`);
        const members = shape.members ?? {};
        for (const required of shape.required ?? []) {
          if (v[required] === undefined || v[required] === null) issues.push({ path: [...at, required], message: 'is required' });
        }
        for (const [key, memberValue] of Object.entries(v)) {
          const member = members[key];
          if (!member) {
            if (options.strict) issues.push({ path: [...at, key], message: unknownField(key, name, Object.keys(members)) });
            continue;
          }
          if (memberValue === undefined || memberValue === null) continue;
          visit(member.shape, memberValue, [...at, key]);
        }
        return;
      }
      case 'list': {
        if (!Array.isArray(v)) return problem('must be a list');
        checkSize(shape, v.length, 'item', problem);
        v.forEach((item, index) => visit(shape.member?.shape ?? '', item, [...at, index]));
        return;
      }
      case 'map': {
        if (!isRecord(v)) return problem('must be a map of strings');
        checkSize(shape, Object.keys(v).length, 'entry', problem);
        for (const [key, item] of Object.entries(v)) {
          visit(shape.key?.shape ?? '', key, [...at, key]);
          visit(shape.value?.shape ?? '', item, [...at, key]);
        }
        return;
      }
      case 'string': {
        if (typeof v !== 'string') return problem('must be a string');
        if (shape.enum && !shape.enum.includes(v)) return problem(`must be one of ${shape.enum.join(', ')} (got '${v}')`);
        const length = [...v].length;
        if (shape.min !== undefined && shape.min === shape.max && length !== shape.min) {
          return problem(`must be ${shape.min} characters long (got ${length})`);
        }
        if (shape.min !== undefined && length < shape.min) return problem(`must be at least ${shape.min} characters long (got ${length})`);
        if (shape.max !== undefined && length > shape.max) return problem(`must be at most ${shape.max} characters long (got ${length})`);
        if (shape.pattern && !patternOf(name, shape.pattern).test(v)) return problem(`must match ${PATTERN_FIXES[name] ?? shape.pattern} (got '${v}')`);
        return;
      }
      case 'integer':
      case 'long': {
        if (typeof v !== 'number' || !Number.isInteger(v)) return problem('must be an integer');
        if (shape.min !== undefined && v < shape.min) return problem(`must be at least ${shape.min} (got ${v})`);
        if (shape.max !== undefined && v > shape.max) return problem(`must be at most ${shape.max} (got ${v})`);
        return;
      }
      case 'double':
      case 'float':
        if (typeof v !== 'number' || !Number.isFinite(v)) problem('must be a number');
        return;
      case 'boolean':
        if (typeof v !== 'boolean') problem('must be true or false');
        return;
      case 'timestamp':
        if (!isTimestamp(v)) problem(`must be an ISO 8601 date-time such as 2026-11-20T19:00:00Z (got ${JSON.stringify(v)})`);
        return;
      default:
        problem(`has a type the emulator does not check (${shape.type})`);
    }
  };
  visit(shapeName, value, path);
  return issues;
}

function unknownField(key: string, shapeName: string, known: string[]): string {
  const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
  const owner = shapeName.replace(/^World/, '');
  return near ? `is not a field of ${owner}: did you mean '${near}'?` : `is not a field of ${owner} (it has: ${known.join(', ')})`;
}

function checkSize(shape: Shape, size: number, unit: string, problem: (message: string) => void): void {
  if (shape.min !== undefined && size < shape.min) problem(`must have at least ${shape.min} ${unit}(s) (got ${size})`);
  if (shape.max !== undefined && size > shape.max) problem(`must have at most ${shape.max} ${unit}(s) (got ${size})`);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isTimestamp(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

// `channels[0].streamSessions[1].streamId`; a mapping that is not a Date a YAML timestamp became.
export { formatPath, isRecord };
