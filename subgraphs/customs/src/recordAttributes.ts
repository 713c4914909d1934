import { recordType, type RecordTypes } from '@tessera/subgraph-kit';
import type { BorderCrossingRow, CustomsFlagRow, SeizureRow } from './db/schema.ts';

/**
 * What the record rules read of customs's records: no attribute the agreements judge, only each record's
 * name as hits and disclosure grants name it (`crossing/<id>`).
 */
export const recordAttributes: RecordTypes = {
  BorderCrossing: recordType((crossing: BorderCrossingRow) => ({ id: `crossing/${crossing.id}` })),
  Seizure: recordType((seizure: SeizureRow) => ({ id: `seizure/${seizure.id}` })),
  CustomsFlag: recordType((flag: CustomsFlagRow) => ({ id: `flag/${flag.id}` })),
};
