/**
 * zod's issues about a test file, as plain mistakes at paths. The file's unions tell their forms apart by a key (an
 * event entry by `file`, `generate` or `event`; an action by `type`): the form the key names is the one whose
 * mistakes are shown, never a list of every form the entry is not.
 */
import type { z } from 'zod';
import { explainIssues } from '../../domain/policy/issues.ts';
import type { IssueAt } from '../../domain/policy/issues.ts';
import { isRecord } from '../../domain/defined.ts';

/** The key that says which form an entry is, per union: the branches of the schema's union, in order. */
const EVENT_FORMS = ['file', 'generate', 'event'] as const;

/** One `IssueAt` per mistake in the test file. */
export function explainTestFileIssues(issues: readonly z.core.$ZodIssue[]): IssueAt[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return explainIssues([issue]);
    const path = [...issue.path];
    const branch = chosenForm(path, issue.input);
    if (branch === 'none') return [{ path, message: 'expected an event entry: a mapping with one of file, generate or event' }];
    const errors = branch === undefined ? undefined : issue.errors[branch];
    return errors === undefined ? explainIssues([issue]) : explainTestFileIssues(errors.map((inner) => ({ ...inner, path: [...path, ...inner.path] })));
  });
}

/** Which branch of the union at `path` the input means; `none` for an event entry that names no form. */
function chosenForm(path: readonly PropertyKey[], input: unknown): number | 'none' | undefined {
  const parent = path.at(-2);
  if (!isRecord(input)) return undefined;
  if (parent === 'events') {
    const index = EVENT_FORMS.findIndex((key) => key in input);
    return index === -1 ? 'none' : index;
  }
  if (parent === 'actions') return 'type' in input ? 0 : 1;
  return undefined;
}
