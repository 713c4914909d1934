import DataLoader from 'dataloader';
import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { anyOf, groupRows, indexRows, keyedQuery, nationalIdOf } from '@tessera/subgraph-kit';
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

type Db = Database<typeof tables>;

const offenders = keyedQuery((db: Db, ids) => db.select().from(offender).where(anyOf(offender.nationalId, ids)));
const ordersOf = keyedQuery((db: Db, ids) =>
  db
    .select({
      ...getTableColumns(supervisionOrder),
      // In the same statement: the record rules need them before any condition is resolved.
      conditionTypes: sql<
        string[]
      >`array(select ${orderCondition.type} from ${orderCondition} where ${eq(orderCondition.orderId, supervisionOrder.id)})`,
    })
    .from(supervisionOrder)
    .where(anyOf(supervisionOrder.nationalId, ids))
    .orderBy(desc(supervisionOrder.startDate)),
);
const conditionsOf = keyedQuery((db: Db, orderIds) =>
  db.select().from(orderCondition).where(anyOf(orderCondition.orderId, orderIds)).orderBy(orderCondition.id),
);
const managers = keyedQuery((db: Db, ids) => db.select().from(offenderManager).where(anyOf(offenderManager.id, ids)));

export function createLoaders(db: Db): ProbationLoaders {
  return {
    offender: new DataLoader(async (ids) => indexRows(ids, await offenders(db, ids), nationalIdOf)),
    orders: new DataLoader(async (ids) => groupRows(ids, await ordersOf(db, ids), nationalIdOf)),
    conditions: new DataLoader(async (orderIds) =>
      groupRows(orderIds, await conditionsOf(db, orderIds), (row) => row.orderId),
    ),
    offenderManager: new DataLoader(async (ids) => indexRows(ids, await managers(db, ids), (row) => row.id)),
  };
}
