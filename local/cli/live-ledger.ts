/**
 * How `replay --live` and `history --live` name the deployed ledger: the same way, by `--stage`
 * (the table `ivs-guard-ledger-STAGE` that `serverless deploy --stage STAGE` made), with `--table`
 * as an override for a table named otherwise.
 */
import { UsageError } from './args.ts';

/** The stage of `npx serverless deploy` without `--stage`. */
export const DEFAULT_STAGE = 'dev';

/** The ledger table a deployed stage holds (serverless.yml names it so). */
export function ledgerTableOf(stage: string): string {
  return `ivs-guard-ledger-${stage}`;
}

/** A stage name as serverless takes it (letters, digits, hyphens); a UsageError otherwise. */
export function stageOf(stage: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(stage)) throw new UsageError(`--stage takes a stage name (letters, digits and -), not '${stage}'`);
  return stage;
}

/** The deployed ledger table: `--table` when given, else the one of `--stage` (default dev). */
export function liveLedgerTable(stage: string | undefined, table: string | undefined): string {
  if (table !== undefined) {
    if (!/^[A-Za-z0-9_.-]{3,255}$/.test(table)) throw new UsageError(`--table takes a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -), not '${table}'`);
    return table;
  }
  return ledgerTableOf(stageOf(stage ?? DEFAULT_STAGE));
}
