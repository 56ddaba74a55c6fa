/**
 * `unreachedPolicies`: a policy whose `on` no deployed rule can deliver an event to, over the real router and
 * events/patterns.json.
 */
import { describe, expect, it } from 'vitest';
import { unreachedPolicies } from '../../domain/policy/reach.ts';
import { loadRoutes, route } from '../../local/eventbridge/router.ts';
import { policies } from './policy-fixtures.ts';

const routes = loadRoutes();
const receiversOf = (deployed: readonly string[]) => (probe: { source: string; detailType: string }) =>
  route(routes, { source: probe.source, 'detail-type': probe.detailType }).filter((fn) => deployed.includes(fn));
const ALL = ['stream', 'recording', 'stage', 'moderation'];
const doc = (on: string) => policies(`  - name: p\n    on: ${on}\n    then: [{ notify: { severity: info } }]`);

describe('unreachedPolicies', () => {
  it.each([
    ['a stage update, with the stage function', '{ detailType: IVS Stage Update }', ALL, 0],
    ['a stage update, without the stage function', '{ detailType: IVS Stage Update }', ['stream', 'recording', 'moderation'], 1],
    ['names of a stage update alone, without the stage function', '{ names: [Participant Published] }', ['stream', 'recording', 'moderation'], 1],
    ['a name two detail-types share, one of them deployed', '{ names: [Recording Start Failure] }', ['recording'], 0],
    ['an IVS event under a source no rule listens to', '{ detailType: IVS Stream State Change, source: my.app }', ALL, 1],
    ['a moderation request under its own source (a deploy setting)', '{ detailType: Viewer Session Revocation Requested, source: acme.moderation }', ALL, 0],
  ])('%s', (_, on, deployed, count) => {
    expect(unreachedPolicies(doc(on), receiversOf(deployed), 'ivs-guard.moderation')).toHaveLength(count);
  });

  it('says which trigger reaches nothing', () => {
    expect(unreachedPolicies(doc('{ detailType: IVS Stage Update, source: my.app }'), receiversOf(ALL), 'ivs-guard.moderation')).toEqual([
      { index: 0, name: 'p', message: 'its on (detail-type IVS Stage Update, source my.app) reaches no deployed function: no deployed EventBridge rule receives such an event, so it never fires' },
    ]);
  });
});
