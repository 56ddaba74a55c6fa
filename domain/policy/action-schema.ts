/**
 * The `then` list of a policy: each item is an action name (`stopStream`) or a mapping with one action and its
 * parameters (`{putMetadata: {text: …}}`). Both read into an `ActionSpec`: the action before it is bound to a target.
 * Built from the action registry: each action's module says how it is written.
 */
import * as z from 'zod/mini';
import { checkedTransform, described, withMeta } from '../zod.ts';
import { ACTIONS } from '../actions/index.ts';
import type { ActionSpec } from '../actions/index.ts';
import { expectedMessage, singleKeyObject } from './schema-parts.ts';
import { quoteWithHint } from './vocabulary.ts';

export type { ActionSpec } from '../actions/index.ts';

/** Actions that can be written by name alone. */
const BY_NAME = ACTIONS.filter((action) => action.policy.byName).map((action) => action.type);
/** Actions that need parameters, with how to write them. */
const NEED_PARAMETERS: ReadonlyMap<string, string> = new Map(
  ACTIONS.flatMap((action) => (!action.policy.byName && action.policy.parameters ? [[action.type, action.policy.parameters.howToWrite] as const] : [])),
);
const ALL_ACTION_NAMES = [...BY_NAME, ...NEED_PARAMETERS.keys()];
const WITH_PARAMETERS = ACTIONS.filter((action) => action.policy.parameters !== undefined);

const byNameSchema = z.enum(BY_NAME as [string, ...string[]], {
  error: (issue) => {
    if (typeof issue.input !== 'string') return expectedMessage('an action', issue.input);
    const how = NEED_PARAMETERS.get(issue.input);
    if (how !== undefined) return `${issue.input} needs parameters: write ${how}`;
    return `unknown action ${quoteWithHint(issue.input, ALL_ACTION_NAMES)}; actions: ${ALL_ACTION_NAMES.join(', ')}`;
  },
});

const withParametersSchema = withMeta(
  singleKeyObject(
    Object.fromEntries(WITH_PARAMETERS.map((action) => [action.type, described(z.optional(action.policy.parameters!.schema), action.summary)])) as Record<
      string,
      z.ZodMiniOptional<z.ZodMiniType<ActionSpec, unknown>>
    >,
    'action',
    `an action without parameters is written by name alone (${BY_NAME.join(', ')}); with parameters: ${WITH_PARAMETERS.map((action) => action.type).join(', ')}`,
  ),
  { minProperties: 1, maxProperties: 1 },
);

/** One `then` item: an action name, or a mapping with one action and its parameters. */
export const actionSchema = described(
  z.union([z.pipe(byNameSchema, checkedTransform((type: string) => ({ type }) as ActionSpec)), z.pipe(withParametersSchema, checkedTransform(toActionSpec))]),
  `${BY_NAME.join(' | ')}, or a mapping with parameters.`,
);

function toActionSpec(item: z.output<typeof withParametersSchema>, ctx: z.core.$RefinementCtx<z.output<typeof withParametersSchema>>): ActionSpec {
  const given = Object.values(item).find((spec) => spec !== undefined);
  if (given !== undefined) return given;
  // Reached only for an item of nothing but unknown keys, which zod reported already (it still runs transforms then).
  if (ctx.issues.length === 0) ctx.addIssue({ code: 'custom', input: item, message: 'expected an action' });
  return z.NEVER;
}
