/**
 * How the guard's schemas use zod: `zod/mini`, the functional API over the same zod 4 core as
 * `import { z } from 'zod'`, without the method chains that keep all of zod classic in every Lambda bundle
 * (docs/performance.md, "Lean bundles"). Every module that builds a schema the functions run (the event
 * contracts, the policy document, the environment) writes `import * as z from 'zod/mini'` and imports this
 * module. A namespace import, not `import { z }`: esbuild keeps only the functions a bundle calls from a
 * namespace import, but the whole of zod's core from the `z` object that `zod/mini` exports (or from a
 * re-export of it).
 *
 * zod classic sets two defaults the first time one of its schemas is built; `zod/mini` leaves them to the
 * application. This module sets them before any schema is built (each schema module imports it), so the
 * guard behaves exactly as it did with classic, and as the local tools that still use classic do:
 * - English messages for the issues a schema and the error maps leave unworded;
 * - the memoizer that lets a parse survive a value that refers to itself (a hostile event, an aliased YAML node).
 */
import * as z from 'zod/mini';

if (!z.config().localeError) z.config(z.locales.en());
if (!z.config().memoizer) z.config({ memoizer: z.memoizer() });

/** `schema` with a description, for the JSON Schema editors read: a copy, as zod classic's `.describe()` makes. */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description });
  return copy;
}

/** `schema` with JSON Schema metadata (`id`, `title`, `minProperties`, ...): a copy, as zod classic's `.meta()` makes. */
export function withMeta<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, meta);
  return copy;
}

/**
 * A transform whose function may report issues (`ctx.addIssue`), as zod classic's `.transform()` allows:
 * `zod/mini`'s own `z.transform` hands the function the bare parse payload. The issues are built exactly as
 * classic builds them (code `custom`, the value as `input`, the transform as `inst`).
 */
export function checkedTransform<I, O>(fn: (input: I, ctx: z.core.$RefinementCtx<I>) => O) {
  const step: z.ZodMiniTransform<Awaited<O>, I> = z.transform<I, O>((input, payload) => {
    const ctx = payload as z.core.$RefinementCtx<I>;
    ctx.addIssue = (issue) => {
      if (typeof issue === 'string') {
        ctx.issues.push({ message: issue, code: 'custom', input: ctx.value, inst: step });
        return;
      }
      const raw = { ...issue } as { -readonly [K in keyof z.core.$ZodRawIssue]: z.core.$ZodRawIssue[K] } & { fatal?: boolean };
      if (raw.fatal) raw.continue = false;
      raw.code ??= 'custom';
      if (!('input' in issue)) raw.input = ctx.value;
      raw.inst ??= step;
      ctx.issues.push(raw as z.core.$ZodRawIssue);
    };
    return fn(input, ctx);
  });
  return step;
}

/** `schema`, then `fn` on what it outputs: zod classic's `schema.transform(fn)`, issues and all. */
export function transformed<S extends z.ZodMiniType, O>(schema: S, fn: (value: z.output<S>, ctx: z.core.$RefinementCtx<z.output<S>>) => O) {
  return z.pipe(schema, checkedTransform<z.output<S>, O>(fn));
}
