import DataLoader from 'dataloader';
import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { anyOf, groupRows, indexRows } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import {
  offender,
  offenderManager,
  orderCondition,
  supervisionOrder,
  type OffenderManagerRow,
  type OffenderRow,
  type OrderConditionRow,
  type SupervisionOrderRow,
  type tables,
} from './db/schema.ts';

/** An order with the types of its conditions, which customs' access to it depends on. */
export type SupervisionOrderWithConditions = SupervisionOrderRow & { readonly conditionTypes: string[] };

/** Loaders for one request: each runs one statement per batch, whatever the number of people. */
export interface ProbationLoaders {
  readonly offender: DataLoader<string, OffenderRow | null>;
  readonly orders: DataLoader<string, SupervisionOrderWithConditions[]>;
  readonly conditions: DataLoader<string, OrderConditionRow[]>;
  readonly offenderManager: DataLoader<string, OffenderManagerRow | null>;
}

export function createLoaders(db: Database<typeof tables>): ProbationLoaders {
  return {
    offender: new DataLoader(async (keys) =>
      indexRows(
        keys,
        await db
          .select()
          .from(offender)
          .where(anyOf(offender.nationalId, [...keys])),
        (row) => row.nationalId,
      ),
    ),
    orders: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select({
            ...getTableColumns(supervisionOrder),
            // In the same statement: the record rules need them before any condition is resolved.
            conditionTypes: sql<
              string[]
            >`array(select ${orderCondition.type} from ${orderCondition} where ${eq(orderCondition.orderId, supervisionOrder.id)})`,
          })
          .from(supervisionOrder)
          .where(anyOf(supervisionOrder.nationalId, [...keys]))
          .orderBy(desc(supervisionOrder.startDate)),
        (row) => row.nationalId,
      ),
    ),
    conditions: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(orderCondition)
          .where(anyOf(orderCondition.orderId, [...keys]))
          .orderBy(orderCondition.id),
        (row) => row.orderId,
      ),
    ),
    offenderManager: new DataLoader(async (keys) =>
      indexRows(
        keys,
        await db
          .select()
          .from(offenderManager)
          .where(anyOf(offenderManager.id, [...keys])),
        (row) => row.id,
      ),
    ),
  };
}
