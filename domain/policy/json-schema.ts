/**
 * The JSON Schema of `policies.yml`, generated from the zod schema (so the two cannot drift) for editors:
 * `# yaml-language-server: $schema=./policies.schema.json` gives completion and hover help.
 */
import * as z from 'zod/mini';
import '../zod.ts';
import { policyDocumentSchema } from './schema.ts';

/**
 * The policy document's JSON Schema (draft-07, the draft editors support best), describing what may be written
 * (defaults included). Checks the schema language cannot express (JMESPath syntax, unique names, the event names of a
 * detail-type) are made by `loadPolicyDocument` only.
 */
export function policyJsonSchema(): Record<string, unknown> {
  return editorJsonSchema(policyDocumentSchema);
}

/** A zod schema as the JSON Schema editors read best: draft-07, what may be written (input), without noise. */
export function editorJsonSchema(schema: z.core.$ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, {
    target: 'draft-07',
    io: 'input',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // zod bounds every integer by Number.MAX_SAFE_INTEGER: noise in an editor's hover.
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  });
}
