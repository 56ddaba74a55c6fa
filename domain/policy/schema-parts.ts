/**
 * Building blocks of the policy schema that make its errors read well: closed mappings that name what they
 * expected, whole numbers with a plain message, and "exactly one key" items. Their words come from `../wording.ts`.
 */
import * as z from 'zod/mini';
import '../zod.ts';
import { POLICY_VOICE, withArticle } from '../wording.ts';
import { quoteWithHint } from './vocabulary.ts';

/**
 * A mapping that accepts only the keys of `shape`. An unknown key is reported as "expected one of: …" (or
 * `unknownKeyHint`; the loader prefixes "unknown key 'k'" and points at the key); a wrong type as "expected `what`".
 */
export function closedObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string, unknownKeyHint?: string) {
  const hint = unknownKeyHint ?? `expected one of: ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') return hint;
      if (issue.code === 'invalid_type') return expectedMessage(what, issue.input);
      return undefined;
    },
  });
}

/**
 * A mapping that holds exactly one of the keys of `shape` (a condition, an action with parameters): a `noun`.
 * Each key is optional in the schema; the check that exactly one is there names the keys found.
 */
export function singleKeyObject<Shape extends z.core.$ZodLooseShape>(shape: Shape, noun: string, unknownKeyHint?: string) {
  const keys = Object.keys(shape);
  const what = withArticle(noun);
  return closedObject(shape, what, unknownKeyHint).check(
    z.superRefine((value, ctx) => {
      const present = Object.entries(value).flatMap(([key, given]) => (given !== undefined ? [key] : []));
      if (present.length === 1) return;
      // An unknown key was reported already: "expected a condition" would say it twice.
      if (present.length === 0 && ctx.issues.some((issue) => issue.code === 'unrecognized_keys')) return;
      ctx.addIssue({
        code: 'custom',
        input: value,
        message:
          present.length === 0
            ? `expected ${what}: one of ${keys.join(', ')}`
            : `one ${noun} per item, found ${present.join(' and ')}: give each its own "- " item`,
      });
    }),
  );
}

/** One of `words`; a miss is reported as "unknown `what` 'x' (did you mean 'y'?)". */
export function knownWord<const Words extends readonly string[]>(words: Words, what: string) {
  return z.enum(words, {
    error: (issue) => (typeof issue.input === 'string' ? `unknown ${what} ${quoteWithHint(issue.input, words)}` : expectedMessage(withArticle(what), issue.input)),
  });
}

/** An integer ≥ `min`, with the message "expected a whole number ≥ min" whatever went wrong ("required: …" when missing). */
export function wholeNumber(min: number) {
  const what = `a whole number ≥ ${min}`;
  const error = (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${what}` : `expected ${what}`);
  return z.int({ error }).check(z.gte(min, { error }));
}

/** "required: `what`", or "expected `what`, got …". */
export function expectedMessage(what: string, input: unknown): string {
  return POLICY_VOICE.expected(what, input);
}
