import { date, index, pgSchema, serial, text } from 'drizzle-orm/pg-core';

export const probation = pgSchema('probation');

/** People supervised by probation: the link to the national register and the case reference number. */
export const offender = probation.table('offender', {
  nationalId: text('national_id').primaryKey(),
  crn: text('crn').notNull(),
});

export const offenderManager = probation.table('offender_manager', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  office: text('office').notNull(),
});

export const supervisionOrder = probation.table(
  'supervision_order',
  {
    id: text('id').primaryKey(),
    nationalId: text('national_id').notNull(),
    type: text('type').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    riskLevel: text('risk_level').notNull(),
    offenderManagerId: text('offender_manager_id').notNull(),
  },
  (table) => [index('supervision_order_person_idx').on(table.nationalId)],
);

export const orderCondition = probation.table(
  'order_condition',
  {
    id: serial('id').primaryKey(),
    orderId: text('order_id').notNull(),
    type: text('type').notNull(),
    detail: text('detail'),
  },
  (table) => [index('order_condition_order_idx').on(table.orderId)],
);

/** Probation's disclosure log: every record released, to whom, why, under which rule. */
export const tables = { offender, offenderManager, supervisionOrder, orderCondition };
export type OffenderRow = typeof offender.$inferSelect;
export type OffenderManagerRow = typeof offenderManager.$inferSelect;
export type SupervisionOrderRow = typeof supervisionOrder.$inferSelect;
export type OrderConditionRow = typeof orderCondition.$inferSelect;
