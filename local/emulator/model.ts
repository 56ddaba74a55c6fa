/**
 * The IVS and IVS real-time API models the emulator obeys: the operations it serves and every shape
 * they reach, extracted from botocore's `service-2.json` by `scripts/check-emulator-conformance.py
 * --update-model` (which also checks this copy has not drifted from the installed botocore).
 */
import models from './model/ivs-models.json' with { type: 'json' };

export type ServiceName = 'ivs' | 'ivs-realtime';

export interface ShapeRef {
  shape: string;
  location?: string;
  locationName?: string;
}

export interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  error?: { httpStatusCode: number };
}

export interface OperationModel {
  http: { method: string; requestUri: string; responseCode?: number };
  input?: ShapeRef;
  output?: ShapeRef;
  errors: string[];
}

export interface ServiceModel {
  metadata: { apiVersion: string; protocol: string; signingName: string };
  operations: Record<string, OperationModel>;
  /** The model's operations the emulator does not serve: only their routes, to name them when called. */
  unserved?: Record<string, { method: string; requestUri: string }>;
  shapes: Record<string, Shape>;
}

/**
 * Where the API answers what its model does not say: a BASIC or STANDARD channel's `preset` is `""`
 * (the IVS API reference, Channel.preset), which the TranscodePreset enum leaves out.
 * scripts/check-emulator-conformance.py allows the same.
 */
const ENUM_FIXES: Partial<Record<ServiceName, Record<string, string[]>>> = { ivs: { TranscodePreset: [''] } };

export const MODELS: Record<ServiceName, ServiceModel> = withEnumFixes(models);

function withEnumFixes(source: Record<ServiceName, ServiceModel>): Record<ServiceName, ServiceModel> {
  const fixed = structuredClone(source);
  for (const [service, fixes] of Object.entries(ENUM_FIXES) as [ServiceName, Record<string, string[]>][]) {
    for (const [name, extra] of Object.entries(fixes)) {
      const shape = fixed[service].shapes[name];
      if (shape?.enum) shape.enum = [...shape.enum, ...extra];
    }
  }
  return fixed;
}

/** A shape of a service's model; a missing shape is a bug in the emulator, not in a request. */
export function shapeOf(service: ServiceName, name: string): Shape {
  const shape = MODELS[service].shapes[name];
  if (!shape) throw new Error(`the ${service} model has no shape ${name}`);
  return shape;
}

/** An operation of a service's model. */
export function operationOf(service: ServiceName, name: string): OperationModel {
  const operation = MODELS[service].operations[name];
  if (!operation) throw new Error(`the ${service} model has no operation ${name}`);
  return operation;
}

/** The HTTP status the model gives an error shape (every IVS error shape has one). */
export function errorStatus(service: ServiceName, errorType: string): number | undefined {
  return MODELS[service].shapes[errorType]?.error?.httpStatusCode;
}
