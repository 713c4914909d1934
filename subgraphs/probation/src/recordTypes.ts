import { recordIdentity, recordType, type RecordIdentities, type RecordTypes } from '@tessera/subgraph-kit';
import type { OffenderManagerRow, OffenderRow, OrderConditionRow } from './db/schema.ts';
import type { SupervisionOrderWithConditions } from './loaders.ts';

/** What probation's record rules read: the kinds of condition an order carries, and each condition's. */
export const recordTypes: RecordTypes = {
  SupervisionOrder: recordType((order: SupervisionOrderWithConditions) => ({ kinds: order.conditionTypes })),
  SupervisionCondition: recordType((condition: OrderConditionRow) => ({ kinds: [condition.type] })),
};

/** How probation names each record it releases, and whom it is about. */
export const recordIdentities: RecordIdentities = {
  ProbationProfile: recordIdentity((profile: OffenderRow) => ({
    id: profile.nationalId,
    nationalId: profile.nationalId,
  })),
  SupervisionOrder: recordIdentity((order: SupervisionOrderWithConditions) => ({
    id: order.id,
    nationalId: order.nationalId,
  })),
  SupervisionCondition: recordIdentity((condition: OrderConditionRow) => ({ id: String(condition.id) })),
  OffenderManager: recordIdentity((manager: OffenderManagerRow) => ({ id: manager.id })),
};
