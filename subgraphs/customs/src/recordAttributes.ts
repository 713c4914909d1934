import type { RecordTypes } from '@tessera/subgraph-kit';

/** What the record rules read of customs's records: none of them carries attributes the agreements judge. */
export const recordAttributes: RecordTypes = {};
