import { recordIdentity, type RecordIdentities } from '@tessera/subgraph-kit';
import type { OffenderManagerRow, OffenderRow, OrderConditionRow } from './db/schema.ts';
import type { SupervisionOrderWithConditions } from './loaders.ts';

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
