/**
 * Stream key rotation and deletion. A channel has one stream key; rotating is DeleteStreamKey then
 * CreateStreamKey. The new key's `value` is a secret: it is read by no code here, so it can reach no
 * log line, error or return value. Only ARNs leave this module.
 */
import { CreateStreamKeyCommand, DeleteStreamKeyCommand, ListStreamKeysCommand, type IvsClient } from '@aws-sdk/client-ivs';
import { finalError, transientError } from '../domain/errors.ts';
import type { RotateOptions } from '../domain/ports.ts';
import { IVS_LIMITS } from '../domain/limits.ts';
import { errorCodeOf, guarded, toGuardError } from './aws-errors.ts';
import { logger } from './observability.ts';

/** ListStreamKeys returns one key a page unless asked for more (the API's default `maxResults` is 1): ask for the most. */
const KEYS_PER_PAGE = IVS_LIMITS.streamKeysPerPage;
/** One key per channel is the quota: a handful of pages means something is wrong; stop rather than loop. */
const MAX_PAGES = 5;

/** The ARNs of the channel's stream keys (ListStreamKeys, all pages). */
export async function listStreamKeyArns(client: IvsClient, channelArn: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const input = nextToken === undefined ? { channelArn, maxResults: KEYS_PER_PAGE } : { channelArn, maxResults: KEYS_PER_PAGE, nextToken };
    const output = await guarded('IVS ListStreamKeys', () => client.send(new ListStreamKeysCommand(input)));
    arns.push(...(output.streamKeys ?? []).flatMap((key) => (key.arn === undefined ? [] : [key.arn])));
    nextToken = output.nextToken;
    if (!nextToken) return arns;
  }
  throw finalError(`IVS ListStreamKeys: more than ${MAX_PAGES * KEYS_PER_PAGE} stream keys on one channel`, 'TooManyStreamKeys');
}

/** DeleteStreamKey for each of the channel's keys. A key already gone (ResourceNotFound) counts as deleted. */
export async function deleteStreamKeys(client: IvsClient, channelArn: string): Promise<{ deletedKeyArns: string[] }> {
  const deletedKeyArns = await deleteAll(client, channelArn);
  logger.info('Stream keys deleted', { channelArn, deletedKeyArns });
  return { deletedKeyArns };
}

async function deleteAll(client: IvsClient, channelArn: string, listed?: string[]): Promise<string[]> {
  const deletedKeyArns: string[] = [];
  for (const arn of listed ?? (await listStreamKeyArns(client, channelArn))) {
    try {
      await client.send(new DeleteStreamKeyCommand({ arn }));
    } catch (error) {
      if (errorCodeOf(error) !== 'ResourceNotFoundException') throw toGuardError(error, 'IVS DeleteStreamKey');
    }
    deletedKeyArns.push(arn);
  }
  return deletedKeyArns;
}

/**
 * ListStreamKeys → DeleteStreamKey (each) → CreateStreamKey. Returns ARNs only. If CreateStreamKey fails
 * the channel is left without a key (off the air, which is the safe side); a retry lists no key and creates one.
 * A key not among `before` (the keys this rotation found first) is the one this rotation created: an earlier
 * attempt got that far, so it is done. CreateStreamKey's lost answer meets ServiceQuotaExceededException on the
 * SDK's retry: the keys are listed again, and the new one found is this rotation's.
 */
export async function rotateStreamKey(client: IvsClient, channelArn: string, options: RotateOptions = {}): Promise<{ deletedKeyArns: string[]; newKeyArn: string; earlier?: boolean }> {
  const present = await listStreamKeyArns(client, channelArn);
  const before = options.before ?? present;
  if (options.before === undefined) await options.onListed?.(present);
  const created = present.find((arn) => !before.includes(arn));
  if (created !== undefined) {
    logger.info('Stream key rotation found done by an earlier attempt', { channelArn, newKeyArn: created });
    return { deletedKeyArns: before, newKeyArn: created, earlier: true };
  }
  const deletedKeyArns = await deleteAll(client, channelArn, present);
  const newKeyArn = await createStreamKeyArn(client, channelArn, before);
  logger.info('Stream key rotated', { channelArn, deletedKeyArns, newKeyArn });
  return { deletedKeyArns: [...new Set([...before, ...deletedKeyArns])], newKeyArn };
}

async function createStreamKeyArn(client: IvsClient, channelArn: string, before: string[]): Promise<string> {
  let arn: string | undefined;
  try {
    // Keep only the ARN: the response (and its `value`) goes out of scope here.
    arn = (await client.send(new CreateStreamKeyCommand({ channelArn }))).streamKey?.arn;
  } catch (error) {
    if (errorCodeOf(error) !== 'ServiceQuotaExceededException') throw toGuardError(error, 'IVS CreateStreamKey');
    // The key quota is met: by a key this rotation created (its answer was lost), or by someone else's.
    const ours = (await listStreamKeyArns(client, channelArn)).find((key) => !before.includes(key));
    if (ours === undefined) throw toGuardError(error, 'IVS CreateStreamKey');
    logger.info('CreateStreamKey answered ServiceQuotaExceeded: the key an earlier attempt created is there', { channelArn, newKeyArn: ours });
    return ours;
  }
  if (arn === undefined) throw transientError('IVS CreateStreamKey returned no stream key ARN', 'MissingStreamKeyArn');
  return arn;
}
