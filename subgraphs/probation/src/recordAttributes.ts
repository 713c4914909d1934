import { recordType, type RecordTypes } from '@tessera/subgraph-kit';
import type { OrderConditionRow } from './db/schema.ts';
import type { SupervisionOrderWithConditions } from './loaders.ts';

/** What probation's record rules read: the kinds of condition an order carries, and each condition's. */
export const recordAttributes: RecordTypes = {
  SupervisionOrder: recordType((order: SupervisionOrderWithConditions) => ({ kinds: order.conditionTypes })),
  SupervisionCondition: recordType((condition: OrderConditionRow) => ({ kinds: [condition.type] })),
};
