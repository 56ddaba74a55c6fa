/**
 * IVS event contracts: the typed events, their zod schemas, and the parser that turns raw
 * EventBridge events into them (or into rejections that name the field).
 */
export * from './types.ts';
export * from './schemas.ts';
export { parseGuardEvent, parseSqsRecordBody, formatRejections } from './parse.ts';
export type { ParseOptions } from './parse.ts';
export { fieldPath } from './rejections.ts';
export { streamIdProblem } from './fields.ts';
