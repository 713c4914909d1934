import { check, type RevisableKind } from '@tessera/subgraph-kit';

/** What customs staff may correct and withdraw, by the kind in a record's name (`crossing/<id>`). */
export const revisable: Readonly<Record<string, RevisableKind>> = {
  crossing: {
    table: 'customs.border_crossing',
    recordType: 'BorderCrossing',
    personColumn: 'national_id',
    fields: {
      crossedAt: { column: 'crossed_at', check: (value) => check.pastTime(value, 'crossedAt', new Date()) },
      port: { column: 'port', check: (value) => check.text(value, 'port', 'the port of entry or exit', 100) },
      travelDocument: {
        column: 'travel_document',
        check: (value) => check.text(value, 'travelDocument', 'the document presented', 50),
      },
    },
  },
  seizure: {
    table: 'customs.seizure',
    recordType: 'Seizure',
    personColumn: 'national_id',
    fields: {
      goods: { column: 'goods', check: (value) => check.text(value, 'goods', 'what was seized', 200) },
      quantity: { column: 'quantity', check: (value) => check.amount(value, 'quantity', 'how much') },
      valueGbp: { column: 'value_gbp', check: (value) => check.amount(value, 'valueGbp', 'its value in pounds') },
      place: { column: 'place', check: (value) => check.text(value, 'place', 'where', 200) },
    },
  },
  flag: {
    table: 'customs.customs_flag',
    recordType: 'CustomsFlag',
    personColumn: 'national_id',
    fields: { reason: { column: 'reason', check: (value) => check.text(value, 'reason', 'why it is raised', 500) } },
  },
};
