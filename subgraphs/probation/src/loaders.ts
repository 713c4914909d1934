import DataLoader from 'dataloader';
import { desc, inArray } from 'drizzle-orm';
import { groupRows, indexRows, type Database } from '@tessera/subgraph-kit';
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

/** Loaders for one request: each runs one statement per batch, whatever the number of people. */
export interface ProbationLoaders {
  readonly offender: DataLoader<string, OffenderRow | null>;
  readonly orders: DataLoader<string, SupervisionOrderRow[]>;
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
          .where(inArray(offender.nationalId, [...keys])),
        (row) => row.nationalId,
      ),
    ),
    orders: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(supervisionOrder)
          .where(inArray(supervisionOrder.nationalId, [...keys]))
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
          .where(inArray(orderCondition.orderId, [...keys]))
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
          .where(inArray(offenderManager.id, [...keys])),
        (row) => row.id,
      ),
    ),
  };
}
