/**
 * The DynamoDB requests the ledger adapter makes, read from its source: every `new XxxCommand(` in
 * adapters/ledger*.ts is one request kind. The packaging test compares them with what the roles grant,
 * so a new ledger call that the roles lack (or a grant no call needs) fails the build rather than a
 * deployed function.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** lib-dynamodb's document commands, by the DynamoDB operation (= IAM action) each sends. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

export interface LedgerCall {
  /** The DynamoDB operation, as IAM names it without `dynamodb:` (`GetItem`, `Query`, ...). */
  operation: string;
  /** The adapters/ file that sends it. */
  file: string;
  /** Its input names an `IndexName`: IAM then authorizes it on the index ARN, not the table's. */
  onIndex: boolean;
}

/** The text of the call's argument list, from just after `(` to its matching `)`. */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let at = open; at < source.length; at += 1) {
    if (source[at] === '(') depth += 1;
    else if (source[at] === ')' && --depth === 0) return source.slice(open + 1, at);
  }
  throw new Error(`unbalanced parentheses after offset ${open}`);
}

/** Every `new XxxCommand(...)` of `adapters/ledger*.ts` under `root`. */
export function ledgerCalls(root: string): LedgerCall[] {
  const dir = join(root, 'adapters');
  const files = readdirSync(dir).filter((name) => /^ledger.*\.ts$/.test(name)).sort();
  if (files.length === 0) throw new Error(`no adapters/ledger*.ts under ${root}`);
  return files.flatMap((file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    return [...source.matchAll(/\bnew\s+(\w+)Command\s*\(/g)].map((match) => {
      const name = match[1]!;
      return {
        operation: DOCUMENT_COMMANDS[name] ?? name,
        file: `adapters/${file}`,
        onIndex: /\bIndexName\s*:/.test(argumentsAt(source, match.index + match[0].length - 1)),
      };
    });
  });
}

/**
 * DynamoDB operations of adapters/ledger*.ts that no deployed function sends: `ensureLedgerTable`
 * creates the table for local runs and tests; the deployed table comes from CloudFormation. The zips
 * are checked not to contain them, so a handler that started calling it would fail here.
 */
export const LOCAL_ONLY_LEDGER_OPERATIONS: ReadonlySet<string> = new Set(['CreateTable', 'DescribeTable']);

/** The ledger's DynamoDB requests that deployed functions send, split by the resource IAM authorizes them on. */
export function ledgerGrantsNeeded(root: string): { table: string[]; index: string[] } {
  const calls = ledgerCalls(root).filter((call) => !LOCAL_ONLY_LEDGER_OPERATIONS.has(call.operation));
  const actions = (onIndex: boolean) => [...new Set(calls.filter((call) => call.onIndex === onIndex).map((call) => `dynamodb:${call.operation}`))].sort();
  return { table: actions(false), index: actions(true) };
}
