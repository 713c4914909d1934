import DataLoader from 'dataloader';
import { desc, eq } from 'drizzle-orm';
import { anyOf, groupRows, indexRows } from '@tessera/subgraph-kit';
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

export function createLoaders(db: Db): PoliceLoaders {
  const ids = (keys: readonly string[]) => [...keys];
  return {
    person: new DataLoader(async (keys) =>
      indexRows(
        keys,
        await db
          .select()
          .from(person)
          .where(anyOf(person.nationalId, ids(keys))),
        (row) => row.nationalId,
      ),
    ),
    warningMarkers: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(warningMarker)
          .where(anyOf(warningMarker.nationalId, ids(keys)))
          .orderBy(warningMarker.id),
        (row) => row.nationalId,
      ),
    ),
    involvementsOfPerson: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(incidentPerson)
          .where(anyOf(incidentPerson.nationalId, ids(keys))),
        (row) => row.nationalId,
      ),
    ),
    involvementsOfIncident: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(incidentPerson)
          .where(anyOf(incidentPerson.incidentId, ids(keys))),
        (row) => row.incidentId,
      ),
    ),
    incident: new DataLoader(async (keys) =>
      indexRows(
        keys,
        await db
          .select()
          .from(incident)
          .where(anyOf(incident.id, ids(keys))),
        (row) => row.id,
      ),
    ),
    reportsOfPerson: new DataLoader(async (keys) => {
      const rows = await db
        .select({ nationalId: reportSubject.nationalId, category: reportSubject.category, report: intelligenceReport })
        .from(reportSubject)
        .innerJoin(intelligenceReport, eq(intelligenceReport.id, reportSubject.reportId))
        .where(anyOf(reportSubject.nationalId, ids(keys)))
        .orderBy(desc(intelligenceReport.recordedAt));
      return groupRows(keys, rows, (row) => row.nationalId);
    }),
    subjectsOfReport: new DataLoader(async (keys) =>
      groupRows(
        keys,
        await db
          .select()
          .from(reportSubject)
          .where(anyOf(reportSubject.reportId, ids(keys))),
        (row) => row.reportId,
      ),
    ),
  };
}
