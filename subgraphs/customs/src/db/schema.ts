import { date, doublePrecision, index, numeric, pgSchema, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const customs = pgSchema('customs');

/** People known to customs: the link to the national register and their recorded nationality. */
export const traveller = customs.table('traveller', {
  nationalId: text('national_id').primaryKey(),
  nationality: text('nationality').notNull(),
});

export const borderCrossing = customs.table(
  'border_crossing',
  {
    id: text('id').primaryKey(),
    nationalId: text('national_id').notNull(),
    crossedAt: timestamp('crossed_at', { withTimezone: true, mode: 'date' }).notNull(),
    port: text('port').notNull(),
    direction: text('direction').notNull(),
    travelDocument: text('travel_document').notNull(),
  },
  (table) => [index('border_crossing_person_idx').on(table.nationalId, table.crossedAt)],
);

export const seizure = customs.table(
  'seizure',
  {
    id: text('id').primaryKey(),
    nationalId: text('national_id').notNull(),
    seizedAt: timestamp('seized_at', { withTimezone: true, mode: 'date' }).notNull(),
    goods: text('goods').notNull(),
    quantity: doublePrecision('quantity').notNull(),
    unit: text('unit').notNull(),
    valueGbp: numeric('value_gbp', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    place: text('place').notNull(),
  },
  (table) => [index('seizure_person_idx').on(table.nationalId)],
);

export const customsFlag = customs.table(
  'customs_flag',
  {
    id: serial('id').primaryKey(),
    nationalId: text('national_id').notNull(),
    type: text('type').notNull(),
    reason: text('reason').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
  },
  (table) => [index('customs_flag_person_idx').on(table.nationalId)],
);

/** Customs' disclosure log: every record released, to whom, why, under which rule. */
export const tables = { traveller, borderCrossing, seizure, customsFlag };
export type TravellerRow = typeof traveller.$inferSelect;
export type BorderCrossingRow = typeof borderCrossing.$inferSelect;
export type SeizureRow = typeof seizure.$inferSelect;
export type CustomsFlagRow = typeof customsFlag.$inferSelect;
