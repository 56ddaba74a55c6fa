/**
 * Protected channels: the guard never acts on a channel whose ARN matches one of `protectedChannels.arns`
 * or that carries every tag of `protectedChannels.tags`.
 */
import { globMatches } from './glob.ts';

/** The `protectedChannels` of a policy document (both lists may be left out). */
export interface ProtectionRules {
  arns?: readonly string[];
  tags?: Readonly<Record<string, string>>;
}

/**
 * Whether the guard must leave a channel alone. `reason` is set only when it is protected.
 * `needsTags`: the ARN is not protected, tag rules exist and `channelTags` is `undefined` (unknown) — fetch the
 * channel's tags and ask again; until then the answer is not final.
 */
export interface Protection {
  protected: boolean;
  reason?: string;
  needsTags: boolean;
}

/** Whether `channelArn` is protected: by an ARN glob (`*` spans `:` and `/`), or by carrying all the protected tags with their values. */
export function isProtected(channelArn: string, channelTags: Readonly<Record<string, string>> | undefined, rules: ProtectionRules): Protection {
  const glob = (rules.arns ?? []).find((pattern) => globMatches(pattern, channelArn));
  if (glob !== undefined) return { protected: true, reason: `ARN matches '${glob}'`, needsTags: false };
  const wanted = Object.entries(rules.tags ?? {});
  if (wanted.length === 0) return { protected: false, needsTags: false };
  if (channelTags === undefined) return { protected: false, needsTags: true };
  const carriesAll = wanted.every(([key, value]) => Object.hasOwn(channelTags, key) && channelTags[key] === value);
  if (!carriesAll) return { protected: false, needsTags: false };
  const tags = wanted.map(([key, value]) => `${key}=${value}`).join(', ');
  return { protected: true, reason: `tag${wanted.length === 1 ? '' : 's'} ${tags}`, needsTags: false };
}
