import DataLoader from 'dataloader';
import { desc, eq } from 'drizzle-orm';
import { anyOf, groupRows, indexRows, keyedQuery, nationalIdOf } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import {
  incident,
  incidentPerson,
  intelligenceReport,
  person,
  reportSubject,
  warningMarker,
  type IncidentRow,
  type IntelligenceReportRow,
  type PersonRow,
  type WarningMarkerRow,
  type tables,
} from './db/schema.ts';

/** A person named in a record, and in what capacity. */
export interface PersonLink {
  readonly nationalId: string;
  readonly category: string;
}

export interface Involvement extends PersonLink {
  readonly incidentId: string;
}

export interface ReportLink {
  readonly nationalId: string;
  readonly category: string;
  readonly report: IntelligenceReportRow;
}

/** Loaders for one request: each runs one statement per batch, whatever the number of people. */
export interface PoliceLoaders {
  readonly person: DataLoader<string, PersonRow | null>;
  readonly warningMarkers: DataLoader<string, WarningMarkerRow[]>;
  readonly involvementsOfPerson: DataLoader<string, Involvement[]>;
  readonly involvementsOfIncident: DataLoader<string, PersonLink[]>;
  readonly incident: DataLoader<string, IncidentRow | null>;
  readonly reportsOfPerson: DataLoader<string, ReportLink[]>;
  readonly subjectsOfReport: DataLoader<string, PersonLink[]>;
}

type Db = Database<typeof tables>;

const people = keyedQuery((db: Db, ids) => db.select().from(person).where(anyOf(person.nationalId, ids)));
const markersOf = keyedQuery((db: Db, ids) =>
  db.select().from(warningMarker).where(anyOf(warningMarker.nationalId, ids)).orderBy(warningMarker.id),
);
const involvementsOf = keyedQuery((db: Db, ids) =>
  db.select().from(incidentPerson).where(anyOf(incidentPerson.nationalId, ids)),
);
const peopleInvolvedIn = keyedQuery((db: Db, incidentIds) =>
  db.select().from(incidentPerson).where(anyOf(incidentPerson.incidentId, incidentIds)),
);
const incidents = keyedQuery((db: Db, ids) => db.select().from(incident).where(anyOf(incident.id, ids)));
const reportsOf = keyedQuery((db: Db, ids) =>
  db
    .select({ nationalId: reportSubject.nationalId, category: reportSubject.category, report: intelligenceReport })
    .from(reportSubject)
    .innerJoin(intelligenceReport, eq(intelligenceReport.id, reportSubject.reportId))
    .where(anyOf(reportSubject.nationalId, ids))
    .orderBy(desc(intelligenceReport.recordedAt)),
);
const subjectsOf = keyedQuery((db: Db, reportIds) =>
  db.select().from(reportSubject).where(anyOf(reportSubject.reportId, reportIds)),
);

export function createLoaders(db: Db): PoliceLoaders {
  return {
    person: new DataLoader(async (ids) => indexRows(ids, await people(db, ids), nationalIdOf)),
    warningMarkers: new DataLoader(async (ids) => groupRows(ids, await markersOf(db, ids), nationalIdOf)),
    involvementsOfPerson: new DataLoader(async (ids) => groupRows(ids, await involvementsOf(db, ids), nationalIdOf)),
    involvementsOfIncident: new DataLoader(async (incidentIds) =>
      groupRows(incidentIds, await peopleInvolvedIn(db, incidentIds), (row) => row.incidentId),
    ),
    incident: new DataLoader(async (ids) => indexRows(ids, await incidents(db, ids), (row) => row.id)),
    reportsOfPerson: new DataLoader(async (ids) => groupRows(ids, await reportsOf(db, ids), nationalIdOf)),
    subjectsOfReport: new DataLoader(async (reportIds) =>
      groupRows(reportIds, await subjectsOf(db, reportIds), (row) => row.reportId),
    ),
  };
}
