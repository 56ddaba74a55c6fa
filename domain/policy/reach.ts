/**
 * Whether a policy can ever fire where it is deployed: its `on` must describe an event that the EventBridge rule
 * of some deployed function lets through. A policy on a detail-type no deployed function receives (or on a source
 * no rule listens to) validates, and then never fires; `ivs-guard validate` warns about it.
 */
import { DETAIL_TYPES } from '../events/names.ts';
import type { PolicyDocument } from './schema.ts';
import { EVENT_NAMES_BY_DETAIL_TYPE, POLICY_DETAIL_TYPES } from './vocabulary.ts';

/** The sample of an event a policy could be triggered by: what EventBridge rules match on. */
export interface ProbeEvent {
  source: string;
  detailType: string;
}

/** Which deployed functions receive such an event (the deployed rules, e.g. the local router over patterns.json). */
export type Receivers = (probe: ProbeEvent) => readonly string[];

/** A policy that can reach no deployed function, and why in words. */
export interface UnreachedPolicy {
  index: number;
  name: string;
  message: string;
}

/** The source IVS puts its events under. */
const IVS_SOURCE = 'aws.ivs';

/**
 * The policies whose `on` reaches no deployed function. `moderationSource` is the source the deployed moderation
 * rule listens to; a policy naming a source for a moderation request is taken to expect that deploy setting.
 */
export function unreachedPolicies(doc: PolicyDocument, receivers: Receivers, moderationSource: string): UnreachedPolicy[] {
  return doc.policies.flatMap((policy, index) => {
    const { on } = policy;
    const detailTypes = POLICY_DETAIL_TYPES.filter(
      (detailType) =>
        (on.detailType === undefined || on.detailType === detailType) &&
        (on.names === undefined || on.names.some((name) => EVENT_NAMES_BY_DETAIL_TYPE[detailType].includes(name))),
    );
    const reached = detailTypes.some((detailType) => {
      // A moderation request's source is a deploy setting (moderationSource): a policy naming one expects it.
      const request = detailType === DETAIL_TYPES.revocationRequest || detailType === DETAIL_TYPES.disconnectRequest;
      const source = request ? moderationSource : (on.source ?? IVS_SOURCE);
      return receivers({ source, detailType }).length > 0;
    });
    if (reached) return [];
    const what = [on.detailType && `detail-type ${on.detailType}`, on.names && `names ${on.names.join(', ')}`, on.source && `source ${on.source}`].filter(Boolean).join(', ');
    return [{ index, name: policy.name, message: `its on (${what}) reaches no deployed function: no deployed EventBridge rule receives such an event, so it never fires` }];
  });
}
