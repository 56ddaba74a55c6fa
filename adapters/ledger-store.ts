/**
 * The few DynamoDB calls the ledger makes, over the document client. A failed condition is an answer
 * (`REFUSED`), not an error; every other failure becomes a `GuardError` (throttling and 5xx transient).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { errorCodeOf, toGuardError } from './aws-errors.ts';
import type { Item, Key } from './ledger-items.ts';

/** What a write returns when its condition did not hold. */
export const REFUSED = Symbol('condition refused');
/** The type of `REFUSED`. */
export type Refused = typeof REFUSED;

/** An expression with its placeholders (`#name`, `:value`). */
export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** Bounds on an index's sort key, both inclusive (string order); either may be absent. */
export interface SortKeyRange {
  attribute: string;
  from?: string;
  to?: string;
}

/** The ` AND …` that `range` adds to a key condition, with its placeholders. */
function sortKeyCondition(range: SortKeyRange | undefined): { expression: string; names: Record<string, string>; values: Record<string, string> } {
  const { attribute = '', from, to } = range ?? {};
  const names = { '#sort': attribute };
  if (from !== undefined && to !== undefined) return { expression: ' AND #sort BETWEEN :from AND :to', names, values: { ':from': from, ':to': to } };
  if (from !== undefined) return { expression: ' AND #sort >= :from', names, values: { ':from': from } };
  if (to !== undefined) return { expression: ' AND #sort <= :to', names, values: { ':to': to } };
  return { expression: '', names: {}, values: {} };
}

/** Both a plain and a document client work: a plain one is wrapped. */
export function documentClient(client: DynamoDBClient | DynamoDBDocumentClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

function placeholders(...expressions: Array<Expression | undefined>) {
  const names = Object.assign({}, ...expressions.map((e) => e?.names)) as Record<string, string>;
  const values = Object.assign({}, ...expressions.map((e) => e?.values)) as Record<string, unknown>;
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

async function unlessRefused<T>(operation: string, call: () => Promise<T>): Promise<T | Refused> {
  try {
    return await call();
  } catch (error) {
    if (errorCodeOf(error) === 'ConditionalCheckFailedException') return REFUSED;
    throw toGuardError(error, operation);
  }
}

/** One ledger table. `what` names the row kind in error messages (`DynamoDB PutItem (ledger cooldown) failed: …`). */
export class LedgerTable {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** A strongly consistent read: it follows the conditional writes it is asked about. */
  async get(key: Key, what: string): Promise<Item | undefined> {
    const output = await unlessRefused(`DynamoDB GetItem (ledger ${what})`, () =>
      this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    return output === REFUSED ? undefined : output.Item;
  }

  /** Puts `item` if `condition` holds; returns the row it replaced. */
  async put(item: Item, what: string, condition?: Expression): Promise<{ old: Item | undefined } | Refused> {
    const output = await unlessRefused(`DynamoDB PutItem (ledger ${what})`, () =>
      this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ReturnValues: 'ALL_OLD',
          ...(condition ? { ConditionExpression: condition.expression } : {}),
          ...placeholders(condition),
        }),
      ),
    );
    return output === REFUSED ? REFUSED : { old: output.Attributes };
  }

  /** Applies `update` if `condition` holds; `true` when it did. */
  async update(key: Key, what: string, update: Expression, condition?: Expression): Promise<boolean> {
    const output = await unlessRefused(`DynamoDB UpdateItem (ledger ${what})`, () =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.expression,
          ...(condition ? { ConditionExpression: condition.expression } : {}),
          ...placeholders(update, condition),
        }),
      ),
    );
    return output !== REFUSED;
  }

  /** Deletes the row if `condition` holds; `true` when it did. */
  async delete(key: Key, what: string, condition?: Expression): Promise<boolean> {
    const output = await unlessRefused(`DynamoDB DeleteItem (ledger ${what})`, () =>
      this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ...(condition ? { ConditionExpression: condition.expression } : {}),
          ...placeholders(condition),
        }),
      ),
    );
    return output !== REFUSED;
  }

  /**
   * Up to `limit` rows of one index partition, highest sort key first, following DynamoDB's pages
   * (each at most 1 MB) until `limit` rows are read or the partition (within `range`) ends.
   */
  async queryNewestFirst(index: string, partitionAttribute: string, partition: string, limit: number, range?: SortKeyRange): Promise<Item[]> {
    const items: Item[] = [];
    const sortKey = sortKeyCondition(range);
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await unlessRefused(`DynamoDB Query (ledger ${index})`, () =>
        this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: index,
            KeyConditionExpression: `#partition = :partition${sortKey.expression}`,
            ExpressionAttributeNames: { '#partition': partitionAttribute, ...sortKey.names },
            ExpressionAttributeValues: { ':partition': partition, ...sortKey.values },
            ScanIndexForward: false,
            ...(Number.isFinite(limit) ? { Limit: limit - items.length } : {}),
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      if (output === REFUSED) break;
      items.push(...(output.Items ?? []));
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined && items.length < limit);
    return items;
  }
}
