/**
 * The text of `events/permissions.json`: its hand-written parts (`$comment`, `common`) as committed, and each
 * function's IVS grants as `domain/iam-grants.ts` derives them from the action registry and `FUNCTION_READS`.
 * `npm run permissions` writes it; test/unit/permissions-file.test.ts checks the committed file is this.
 *
 * @example
 * ```ts
 * const committed = JSON.parse(readFileSync('events/permissions.json', 'utf8')) as PermissionsFile;
 * writeFileSync('events/permissions.json', permissionsText(committed));
 * ```
 */
import { functionGrants } from '../domain/iam-grants.ts';

/** One statement of a role: IAM actions on the resources of one kind (scripts/guard-resources/roles.cjs resolves the kind). */
export interface Permission {
  actions: readonly string[];
  resource: string;
}

/** The shape of `events/permissions.json`. */
export interface PermissionsFile {
  $comment: readonly string[];
  /** What every function's role may do: logs, its queue, the audit bus, the ledger (hand-written). */
  common: readonly Permission[];
  /** Each function's IVS grants (generated). */
  functions: Record<string, readonly Permission[]>;
}

/** The file `npm run permissions` writes, keeping `$comment` and `common` of the committed one. */
export function permissionsText(committed: Pick<PermissionsFile, '$comment' | 'common'>): string {
  const file: PermissionsFile = { $comment: committed.$comment, common: committed.common, functions: functionGrants() };
  return render(file);
}

/** JSON with one statement a line, as the file has always been laid out (easier to review than one value a line). */
function render(file: PermissionsFile): string {
  const statements = (list: readonly Permission[], indent: string) =>
    list.map((permission) => `${indent}{ "actions": ${JSON.stringify(permission.actions).split('","').join('", "')}, "resource": ${JSON.stringify(permission.resource)} }`).join(',\n');
  const functions = Object.entries(file.functions).map(([fn, list]) => `    ${JSON.stringify(fn)}: [\n${statements(list, '      ')}\n    ]`);
  return [
    '{',
    `  "$comment": [\n${file.$comment.map((line) => `    ${JSON.stringify(line)}`).join(',\n')}\n  ],`,
    `  "common": [\n${statements(file.common, '    ')}\n  ],`,
    `  "functions": {\n${functions.join(',\n')}\n  }`,
    '}',
    '',
  ].join('\n');
}
