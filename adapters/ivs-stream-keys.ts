/**
 * Stream key rotation and deletion. A channel has one stream key; rotating is DeleteStreamKey then
 * CreateStreamKey. The new key's `value` is a secret: it is read by no code here, so it can reach no
 * log line, error or return value. Only ARNs leave this module.
 */
import { CreateStreamKeyCommand, DeleteStreamKeyCommand, ListStreamKeysCommand, type IvsClient } from '@aws-sdk/client-ivs';
import { finalError, transientError } from '../domain/errors.ts';
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

async function deleteAll(client: IvsClient, channelArn: string): Promise<string[]> {
  const deletedKeyArns: string[] = [];
  for (const arn of await listStreamKeyArns(client, channelArn)) {
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
 */
export async function rotateStreamKey(client: IvsClient, channelArn: string): Promise<{ deletedKeyArns: string[]; newKeyArn: string }> {
  const deletedKeyArns = await deleteAll(client, channelArn);
  const newKeyArn = await createStreamKeyArn(client, channelArn);
  logger.info('Stream key rotated', { channelArn, deletedKeyArns, newKeyArn });
  return { deletedKeyArns, newKeyArn };
}

async function createStreamKeyArn(client: IvsClient, channelArn: string): Promise<string> {
  // Keep only the ARN: the response (and its `value`) goes out of scope here.
  const arn = (await guarded('IVS CreateStreamKey', () => client.send(new CreateStreamKeyCommand({ channelArn })))).streamKey?.arn;
  if (arn === undefined) throw transientError('IVS CreateStreamKey returned no stream key ARN', 'MissingStreamKeyArn');
  return arn;
}
