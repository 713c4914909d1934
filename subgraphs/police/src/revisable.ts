import { check, type RevisableKind } from '@tessera/subgraph-kit';

/** What police staff may correct and withdraw, by the kind in a record's name (`warning-marker/<id>`). */
export const revisable: Readonly<Record<string, RevisableKind>> = {
  'warning-marker': {
    table: 'police.warning_marker',
    recordType: 'WarningMarker',
    personColumn: 'national_id',
    fields: { note: { column: 'note', check: (value) => check.text(value, 'note', 'the marker’s note', 500) } },
  },
};
