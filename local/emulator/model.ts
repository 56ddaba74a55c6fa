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
  shapes: Record<string, Shape>;
}

export const MODELS: Record<ServiceName, ServiceModel> = models;

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
