/**
 * Tags: ListTagsForResource, TagResource, UntagResource, for each service's own resources. `ivs`
 * tags channels and stream keys; `ivs-realtime` tags stages. (The router sends a `/tags/{arn}`
 * request to the service that owns the ARN's resource type; each handler still answers only for its
 * own, as the two endpoints do in AWS.)
 */
import { IVS_LIMITS } from '../../../domain/limits.ts';
import { invalid, notFound } from '../errors.ts';
import type { ServiceName } from '../model.ts';
import type { EmulatorWorld } from '../world.ts';
import type { OperationHandler } from './types.ts';

type TagsInput = { resourceArn: string };

/** The tags object of one of the service's resources, which TagResource and UntagResource change in place. */
function tagsOrThrow(world: EmulatorWorld, service: ServiceName, arn: string): Record<string, string> {
  const tags = service === 'ivs' ? (world.channels.get(arn)?.channel.tags ?? world.findStreamKey(arn)?.key.tags) : world.stages.get(arn)?.stage.tags;
  if (!tags) throw notFound(service === 'ivs' ? 'Resource (a channel or stream key)' : 'Resource (a stage)', arn);
  return tags;
}

function tagOperations(service: ServiceName): Record<string, OperationHandler> {
  return {
    ListTagsForResource: (world, input) => ({ tags: { ...tagsOrThrow(world, service, (input as TagsInput).resourceArn) } }),
    TagResource: (world, input) => {
      const { resourceArn, tags } = input as TagsInput & { tags: Record<string, string> };
      const current = tagsOrThrow(world, service, resourceArn);
      const count = new Set([...Object.keys(current), ...Object.keys(tags)]).size;
      if (count > IVS_LIMITS.tagsPerResource) throw invalid(`A resource can have at most ${IVS_LIMITS.tagsPerResource} tags; ${resourceArn} would have ${count}`);
      Object.assign(current, tags);
      world.recordAction('TagResource', resourceArn, { keys: Object.keys(tags).sort().join(',') });
      return {};
    },
    UntagResource: (world, input) => {
      const { resourceArn, tagKeys } = input as TagsInput & { tagKeys: string[] };
      const current = tagsOrThrow(world, service, resourceArn);
      for (const key of tagKeys) delete current[key];
      world.recordAction('UntagResource', resourceArn, { keys: [...tagKeys].sort().join(',') });
      return {};
    },
  };
}

export const IVS_TAG_OPERATIONS = tagOperations('ivs');
export const REALTIME_TAG_OPERATIONS = tagOperations('ivs-realtime');
