/**
 * Protected channels (DESIGN §3): by ARN glob, or by tag — read from the session's channel snapshot when
 * the pipeline has one, otherwise looked up once per batch.
 */
import type { Action } from '../actions.ts';
import { isProtected } from '../policy/index.ts';
import type { PolicyDocument } from '../policy/index.ts';
import { channelsOf } from '../safety.ts';
import type { StreamSession } from '../session.ts';
import type { BatchScope } from './batch-scope.ts';

export interface Protection {
  /** The action narrowed to unprotected channels (revocations keep their unprotected pairs); absent when nothing is left. */
  remaining?: Action;
  /** Why some or all of it was left out. */
  reason?: string;
}

export async function protectionOf(action: Action, session: StreamSession | undefined, policies: PolicyDocument, scope: BatchScope): Promise<Protection> {
  const protectedReasons = new Map<string, string>();
  for (const channelArn of channelsOf(action)) {
    const reason = await protectedReason(channelArn, session, policies, scope);
    if (reason) protectedReasons.set(channelArn, reason);
  }
  if (protectedReasons.size === 0) return { remaining: action };
  const reason = [...protectedReasons.values()].join('; ');
  if (action.type === 'revokeViewerSessions') {
    const pairs = action.viewerSessions.filter((p) => !protectedReasons.has(p.channelArn));
    return pairs.length > 0 ? { remaining: { ...action, viewerSessions: pairs }, reason } : { reason };
  }
  return { reason };
}

async function protectedReason(channelArn: string, session: StreamSession | undefined, policies: PolicyDocument, scope: BatchScope): Promise<string | undefined> {
  const rules = policies.protectedChannels;
  const byArn = isProtected(channelArn, undefined, rules);
  if (byArn.protected || !byArn.needsTags) return byArn.reason;
  const sessionTags = session?.channel?.arn === channelArn ? session.channel.tags : undefined;
  const tags = sessionTags ?? (await scope.channelTags(channelArn));
  return isProtected(channelArn, tags, rules).reason;
}
