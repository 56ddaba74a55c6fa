/**
 * The one zod error map: plain words for the issues a schema does not word itself, so zod's defaults
 * ("Invalid input: expected string, received number") never reach a person. The voice says how: event
 * rejections and policy mistakes put the same facts in their own words (see `wording.ts`).
 *
 * @example
 * schema.safeParse(raw, { error: plainWordsIn(EVENT_VOICE) });
 */
import type { z } from 'zod';
import { describeValue, plural, quote, withArticle } from './wording.ts';
import type { Voice } from './wording.ts';

/** zod's type names, as each kind of reader knows them. */
const TYPE_NAMES: Readonly<Record<'kind' | 'yaml', Readonly<Record<string, string>>>> = {
  kind: { int: 'a whole number', record: 'an object', null: 'null' },
  yaml: { string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'a mapping', record: 'a mapping', null: 'nothing' },
};

/** zod's name of a type (`array`, `int`) in the voice's words (`a list`, `a whole number`). */
export function typeName(expected: string, voice: Voice): string {
  const names = voice.words === 'yaml' ? TYPE_NAMES.yaml : TYPE_NAMES.kind;
  return names[expected] ?? withArticle(expected);
}

/** An error map for `safeParse(…, { error })` that words issues in `voice`. */
export function plainWordsIn(voice: Voice): z.core.$ZodErrorMap {
  const shown = (value: unknown) => (voice.words === 'yaml' ? describeValue(value, 'yaml') : quote(value));
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return voice.expected(typeName(issue.expected, voice), issue.input);
      case 'invalid_value': {
        const [only] = issue.values;
        return voice.expected(issue.values.length === 1 ? shown(only) : `one of ${issue.values.map(shown).join(', ')}`, issue.input);
      }
      case 'too_small':
        if (issue.origin === 'array' || issue.origin === 'set') return voice.bound(`at least ${plural(Number(issue.minimum), voice.item)}`, 'have');
        if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : voice.bound(`at least ${plural(Number(issue.minimum), 'character')}`, 'have');
        return voice.bound(`a number ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`, 'be');
      case 'too_big':
        if (issue.origin === 'array' || issue.origin === 'set') return voice.bound(`at most ${plural(Number(issue.maximum), voice.item)}`, 'have');
        if (issue.origin === 'string') return voice.bound(`at most ${plural(Number(issue.maximum), 'character')}`, 'have');
        return voice.bound(`a number ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`, 'be');
      case 'invalid_format':
        return voice.bound(`a valid ${issue.format}`, 'be');
      case 'invalid_union':
        return voice.bound('one of the accepted forms', 'be');
      default:
        return undefined;
    }
  };
}
