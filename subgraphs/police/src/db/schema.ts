import { sql } from 'drizzle-orm';
import type { HandlingConditionKind } from '@tessera/policies';
import {
  date,
  doublePrecision,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const police = pgSchema('police');

/** A handling condition of a C-coded report, as data: whom it may not reach, or for what only. */
export interface HandlingConditionData {
  readonly kind: HandlingConditionKind;
  readonly value: string;
}

/** People known to police: the link to the national register plus the police's own reference. */
export const person = police.table('person', {
  nationalId: text('national_id').primaryKey(),
  pncId: text('pnc_id').notNull(),
});

export const warningMarker = police.table(
  'warning_marker',
  {
    id: serial('id').primaryKey(),
    nationalId: text('national_id').notNull(),
    type: text('type').notNull(),
    addedOn: date('added_on', { mode: 'string' }).notNull(),
    note: text('note'),
  },
  (table) => [index('warning_marker_person_idx').on(table.nationalId)],
);

export const incident = police.table(
  'incident',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    district: text('district').notNull(),
  },
  (table) => [index('incident_district_time_idx').on(table.district, sql`${table.occurredAt} DESC`)],
);

/** Who was involved in an incident, and as what (EU LED Art 6 category). */
export const incidentPerson = police.table(
  'incident_person',
  {
    incidentId: text('incident_id').notNull(),
    nationalId: text('national_id').notNull(),
    category: text('category').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.incidentId, table.nationalId] }),
    index('incident_person_person_idx').on(table.nationalId),
  ],
);

export const intelligenceReport = police.table('intelligence_report', {
  id: text('id').primaryKey(),
  summary: text('summary').notNull(),
  sourceEvaluation: smallint('source_evaluation').notNull(),
  assessment: text('assessment').notNull(),
  handlingCode: text('handling_code').notNull(),
  handlingConditions: jsonb('handling_conditions').$type<HandlingConditionData[]>().notNull().default([]),
  dissemination: text('dissemination').notNull(),
  reviewDate: date('review_date', { mode: 'string' }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  contact: text('contact').notNull(),
});

export const reportSubject = police.table(
  'report_subject',
  {
    reportId: text('report_id').notNull(),
    nationalId: text('national_id').notNull(),
    category: text('category').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.reportId, table.nationalId] }),
    index('report_subject_person_idx').on(table.nationalId),
  ],
);

/** The police's disclosure log: every record released, to whom, why, under which rule. */
export const tables = {
  person,
  warningMarker,
  incident,
  incidentPerson,
  intelligenceReport,
  reportSubject,
};
export type PersonRow = typeof person.$inferSelect;
export type WarningMarkerRow = typeof warningMarker.$inferSelect;
export type IncidentRow = typeof incident.$inferSelect;
export type IntelligenceReportRow = typeof intelligenceReport.$inferSelect;
