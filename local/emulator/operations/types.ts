/**
 * What an operation handler is: a request body (already checked against the model) and the world in,
 * the response body out (undefined for operations without output), or an ApiError thrown.
 */
import type { EmulatorWorld } from '../world.ts';

export type OperationHandler = (world: EmulatorWorld, input: Record<string, unknown>) => object | undefined;
