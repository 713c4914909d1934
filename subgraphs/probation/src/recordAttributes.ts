import { recordType, type RecordTypes } from '@tessera/subgraph-kit';
import type { OrderConditionRow } from './db/schema.ts';
import type { SupervisionOrderWithConditions } from './loaders.ts';

/**
 * What probation's record rules read: the kinds of condition an order carries, and each condition's; and
 * the order's name as hits and disclosure grants name it (a condition is named by its order).
 */
export const recordAttributes: RecordTypes = {
  SupervisionOrder: recordType((order: SupervisionOrderWithConditions) => ({
    id: `supervision-order/${order.id}`,
    kinds: order.conditionTypes,
  })),
  SupervisionCondition: recordType((condition: OrderConditionRow) => ({
    id: `supervision-order/${condition.orderId}`,
    kinds: [condition.type],
  })),
};
