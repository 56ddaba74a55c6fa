/**
 * What the stack needs to know from a `serverless package` directory, read from the templates by
 * resource type and property (never by logical id): the functions and their artifacts, the event
 * source mappings, the queues, the event buses, the tables, the deployment bucket.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isRecord } from '../../domain/defined.ts';

/** One `AWS::Lambda::Function`. */
export interface TemplateFunction {
  readonly logicalId: string;
  /** `FunctionName`, or the logical id when the template names none. */
  readonly name: string;
  /** `Handler`: `path/to/module.export`. */
  readonly handler: string;
  /** `Code.S3Key`: where the artifact goes in the deployment bucket. */
  readonly s3Key: string;
  /** The artifact in the package directory. */
  readonly zipPath: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** One `AWS::Lambda::EventSourceMapping` from an SQS queue of the template. */
export interface TemplateMapping {
  readonly logicalId: string;
  readonly functionLogicalId: string;
  readonly queueLogicalId: string;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  /** `ScalingConfig.MaximumConcurrency`; undefined when the template sets none. */
  readonly maximumConcurrency: number | undefined;
  readonly enabled: boolean;
}

/** The packaged stack. */
export interface PackagedStack {
  readonly dir: string;
  /** `<service>-<stage>`, the name `serverless deploy` gives the stack. */
  readonly stackName: string;
  readonly region: string;
  readonly createTemplate: string;
  readonly updateTemplate: string;
  /** The logical id of the create template's `AWS::S3::Bucket`. */
  readonly bucketLogicalId: string;
  readonly functions: readonly TemplateFunction[];
  readonly mappings: readonly TemplateMapping[];
  /** Logical id -> `QueueName` of every `AWS::SQS::Queue`. */
  readonly queues: ReadonlyMap<string, string>;
  /** `Name` of every `AWS::Events::EventBus`. */
  readonly eventBuses: readonly string[];
  /** `TableName` of every `AWS::DynamoDB::Table`. */
  readonly tables: readonly string[];
}

type Resources = Record<string, { Type?: unknown; Properties?: unknown }>;

/** Reads a package directory; throws naming the file or the resource that is not as expected. */
export function readPackage(dir: string): PackagedStack {
  const createPath = join(dir, 'cloudformation-template-create-stack.json');
  const updatePath = join(dir, 'cloudformation-template-update-stack.json');
  const statePath = join(dir, 'serverless-state.json');
  for (const file of [createPath, updatePath, statePath]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: is ${dir} the output of 'serverless package'?`);
  }
  const createTemplate = readFileSync(createPath, 'utf8');
  const updateTemplate = readFileSync(updatePath, 'utf8');
  const state = parseJson(readFileSync(statePath, 'utf8'), statePath);
  const service = isRecord(state) && isRecord(state.service) ? state.service : {};
  const provider = isRecord(service.provider) ? service.provider : {};
  const serviceName = text(service.service, `${statePath}: service.service`);
  const stage = text(provider.stage, `${statePath}: service.provider.stage`);
  const region = text(provider.region, `${statePath}: service.provider.region`);

  const created = resourcesOf(createTemplate, createPath);
  const bucketLogicalId = Object.keys(created).find((id) => created[id]?.Type === 'AWS::S3::Bucket');
  if (!bucketLogicalId) throw new Error(`${createPath}: no AWS::S3::Bucket (the deployment bucket)`);

  const resources = resourcesOf(updateTemplate, updatePath);
  const byType = (type: string): [string, Record<string, unknown>][] =>
    Object.entries(resources)
      .filter(([, r]) => r.Type === type)
      .map(([id, r]) => [id, isRecord(r.Properties) ? r.Properties : {}]);

  const functions = byType('AWS::Lambda::Function').map(([id, p]) => readFunction(dir, id, p));
  const queues = new Map(byType('AWS::SQS::Queue').map(([id, p]) => [id, typeof p.QueueName === 'string' ? p.QueueName : id]));
  const mappings = byType('AWS::Lambda::EventSourceMapping')
    .map(([id, p]) => readMapping(id, p))
    .filter((m): m is TemplateMapping => m !== undefined && queues.has(m.queueLogicalId));
  return {
    dir,
    stackName: `${serviceName}-${stage}`,
    region,
    createTemplate,
    updateTemplate,
    bucketLogicalId,
    functions,
    mappings,
    queues,
    eventBuses: byType('AWS::Events::EventBus').map(([id, p]) => (typeof p.Name === 'string' ? p.Name : id)),
    tables: byType('AWS::DynamoDB::Table').map(([id, p]) => (typeof p.TableName === 'string' ? p.TableName : id)),
  };
}

function readFunction(dir: string, id: string, p: Record<string, unknown>): TemplateFunction {
  const code = isRecord(p.Code) ? p.Code : {};
  const s3Key = text(code.S3Key, `function ${id}: Code.S3Key`);
  const zipPath = join(dir, basename(s3Key));
  if (!existsSync(zipPath)) throw new Error(`function ${id}: its artifact ${zipPath} is missing`);
  return {
    logicalId: id,
    name: typeof p.FunctionName === 'string' ? p.FunctionName : id,
    handler: text(p.Handler, `function ${id}: Handler`),
    s3Key,
    zipPath,
    timeoutSeconds: typeof p.Timeout === 'number' ? p.Timeout : 3,
    memoryMb: typeof p.MemorySize === 'number' ? p.MemorySize : 128,
  };
}

/** A mapping whose source is a `Fn::GetAtt [Queue, Arn]`; undefined for any other source. */
function readMapping(id: string, p: Record<string, unknown>): TemplateMapping | undefined {
  const queueLogicalId = getAttTarget(p.EventSourceArn);
  const functionLogicalId = getAttTarget(p.FunctionName) ?? refTarget(p.FunctionName);
  if (!queueLogicalId || !functionLogicalId) return undefined;
  const scaling = isRecord(p.ScalingConfig) ? p.ScalingConfig : {};
  const types = Array.isArray(p.FunctionResponseTypes) ? p.FunctionResponseTypes : [];
  return {
    logicalId: id,
    functionLogicalId,
    queueLogicalId,
    batchSize: typeof p.BatchSize === 'number' ? p.BatchSize : 10,
    batchingWindowSeconds: typeof p.MaximumBatchingWindowInSeconds === 'number' ? p.MaximumBatchingWindowInSeconds : 0,
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
    maximumConcurrency: typeof scaling.MaximumConcurrency === 'number' ? scaling.MaximumConcurrency : undefined,
    enabled: p.Enabled !== false,
  };
}

function getAttTarget(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const att = value['Fn::GetAtt'];
  if (Array.isArray(att) && typeof att[0] === 'string') return att[0];
  return typeof att === 'string' ? att.split('.')[0] : undefined;
}

function refTarget(value: unknown): string | undefined {
  return isRecord(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
}

function resourcesOf(template: string, path: string): Resources {
  const parsed = parseJson(template, path);
  if (!isRecord(parsed) || !isRecord(parsed.Resources)) throw new Error(`${path}: no Resources`);
  return parsed.Resources as Resources;
}

function parseJson(source: string, path: string): unknown {
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`);
  }
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`${what} is missing`);
  return value;
}
