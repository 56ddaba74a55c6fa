import { describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  ChannelNotBroadcasting,
  ConflictException,
  InternalServerException,
  PendingVerification,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StreamUnavailable,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-ivs';
import { GuardError, finalError } from '../../domain/errors.ts';
import { guarded, isRetryableCode, toGuardError } from '../../adapters/aws-errors.ts';

const $metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode, requestId: 'req-42' } });
const nodeError = (code: string, message = `socket ${code}`) => Object.assign(new Error(message), { code });
/** A service error the SDK does not model, as it builds one from `x-amzn-ErrorType` and the status. */
const unmodelled = (name: string, status: number) => Object.assign(new Error('whatever'), { name, $fault: status >= 500 ? 'server' : 'client', ...$metadata(status) });

describe('toGuardError', () => {
  it.each([
    ['ValidationException 400', new ValidationException({ message: 'm', ...$metadata(400) }), 'final', 'ValidationException'],
    ['AccessDeniedException 403', new AccessDeniedException({ message: 'm', ...$metadata(403) }), 'final', 'AccessDeniedException'],
    ['ResourceNotFoundException 404', new ResourceNotFoundException({ message: 'm', ...$metadata(404) }), 'final', 'ResourceNotFoundException'],
    ['PendingVerification 403', new PendingVerification({ message: 'm', ...$metadata(403) }), 'final', 'PendingVerification'],
    ['ServiceQuotaExceededException 402', new ServiceQuotaExceededException({ message: 'm', ...$metadata(402) }), 'final', 'ServiceQuotaExceededException'],
    ['ConflictException 409', new ConflictException({ message: 'm', ...$metadata(409) }), 'final', 'ConflictException'],
    ['ChannelNotBroadcasting 404', new ChannelNotBroadcasting({ message: 'm', ...$metadata(404) }), 'final', 'ChannelNotBroadcasting'],
    ['ThrottlingException 429', new ThrottlingException({ message: 'm', ...$metadata(429) }), 'transient', 'ThrottlingException'],
    ['an unmodelled 429', unmodelled('TooManyRequests', 429), 'transient', 'TooManyRequests'],
    ['InternalServerException 500', new InternalServerException({ message: 'm', ...$metadata(500) }), 'transient', 'InternalServerException'],
    ['StreamUnavailable 503', new StreamUnavailable({ message: 'm', ...$metadata(503) }), 'transient', 'StreamUnavailable'],
    ['an unmodelled 502', unmodelled('BadGateway', 502), 'transient', 'BadGateway'],
    ['ECONNRESET', nodeError('ECONNRESET'), 'transient', 'ECONNRESET'],
    ['EPIPE', nodeError('EPIPE'), 'transient', 'EPIPE'],
    ['ETIMEDOUT (request timeout)', Object.assign(new Error('exceeded requestTimeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' }), 'transient', 'ETIMEDOUT'],
    ['TimeoutError (connection timeout)', Object.assign(new Error('no connection'), { name: 'TimeoutError' }), 'transient', 'TimeoutError'],
    ['an unknown Error', new Error('boom'), 'transient', 'UnknownError'],
    ['a thrown string', 'boom', 'transient', 'UnknownError'],
  ])('%s is %s', (_, error, errorClass, code) => {
    const guardError = toGuardError(error, 'IVS StopStream');
    expect(guardError).toBeInstanceOf(GuardError);
    expect(guardError.errorClass).toBe(errorClass);
    expect(guardError.code).toBe(code);
    expect(guardError.message).toContain(`IVS StopStream failed: ${code}`);
  });

  it('names status and request id, never the service message, and keeps no service error as cause', () => {
    const error = toGuardError(new ValidationException({ message: "Value 'secret-metadata' at 'metadata' failed", ...$metadata(400) }), 'IVS PutMetadata');
    expect(error.message).toBe('IVS PutMetadata failed: ValidationException (HTTP 400, request id req-42)');
    expect(error.cause).toBeUndefined();
  });

  it('keeps a socket error as cause', () => {
    const socket = nodeError('ECONNRESET');
    expect(toGuardError(socket, 'IVS StopStream').cause).toBe(socket);
  });

  it('passes a GuardError through', () => {
    const original = finalError('already classified', 'X');
    expect(toGuardError(original, 'IVS StopStream')).toBe(original);
  });

  it('guarded wraps what the call throws', async () => {
    await expect(guarded('IVS StopStream', () => Promise.reject(nodeError('EPIPE')))).rejects.toMatchObject({ errorClass: 'transient', code: 'EPIPE' });
    await expect(guarded('IVS StopStream', () => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('isRetryableCode (per-entry batch error codes)', () => {
  it.each([
    ['ThrottlingException', true],
    ['InternalServerException', true],
    ['InternalFailure', true],
    ['ServiceUnavailable', true],
    ['429', true],
    ['503', true],
    ['400', false],
    ['ValidationException', false],
    ['ResourceNotFoundException', false],
    ['AccessDeniedException', false],
    [undefined, true],
  ])('%s → %s', (code, expected) => expect(isRetryableCode(code)).toBe(expected));
});
