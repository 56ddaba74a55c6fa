/**
 * An error answer of the API: the error shape's name goes in `x-amzn-ErrorType`, its HTTP status
 * comes from the model, the body is `{"exceptionMessage": "...", "message": "..."}` (dispatch.ts).
 */
import type { Issue } from './validate.ts';
import { formatPath } from './validate.ts';

export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export function notFound(what: string, arn: string): ApiError {
  return new ApiError('ResourceNotFoundException', `${what} not found: ${arn}`);
}

export function notBroadcasting(channelArn: string): ApiError {
  return new ApiError('ChannelNotBroadcasting', `Channel is not broadcasting: ${channelArn}`);
}

export function invalid(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

/** AWS's wording: "2 validation errors detected: ...". */
export function validationError(issues: Issue[]): ApiError {
  const count = issues.length === 1 ? '1 validation error' : `${issues.length} validation errors`;
  const details = issues.map((issue) => `Value at '${formatPath(issue.path)}' failed to satisfy constraint: Member ${issue.message}`);
  return invalid(`${count} detected: ${details.join('; ')}`);
}

/**
 * A rest-json error body: `exceptionMessage` is the IVS error shapes' member (the SDK for JavaScript
 * reads it); `message` is where botocore and the AWS CLI look, so `aws ivs …` prints the message.
 */
export function restErrorBody(message: string): { exceptionMessage: string; message: string } {
  return { exceptionMessage: message, message };
}
