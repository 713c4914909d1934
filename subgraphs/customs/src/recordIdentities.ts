import { recordIdentity, type RecordIdentities } from '@tessera/subgraph-kit';
import type { BorderCrossingRow, SeizureRow, TravellerRow, customsFlag } from './db/schema.ts';

/** How customs name each record they release, and whom it is about. */
export const recordIdentities: RecordIdentities = {
  CustomsProfile: recordIdentity((profile: TravellerRow) => ({
    id: profile.nationalId,
    nationalId: profile.nationalId,
  })),
  BorderCrossing: recordIdentity((crossing: BorderCrossingRow) => ({
    id: crossing.id,
    nationalId: crossing.nationalId,
  })),
  Seizure: recordIdentity((seizure: SeizureRow) => ({ id: seizure.id, nationalId: seizure.nationalId })),
  CustomsFlag: recordIdentity((flag: typeof customsFlag.$inferSelect) => ({
    id: String(flag.id),
    nationalId: flag.nationalId,
  })),
};
