import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { hitDisseminations } from '@tessera/policies';
import { collectHits, type HitSource } from '@tessera/subgraph-kit';
import type { Database } from '@tessera/runtime';
import { incidentPerson, intelligenceReport, reportSubject, warningMarker, type tables } from './db/schema.ts';

/**
 * The police's answer to a hit check: warning markers, incidents, and intelligence that is not black
 * and not past its review date, in one statement for every subject asked about.
 */
export const policeHits: HitSource = {
  contact: 'Police National Bureau, duty desk: bureau@police.tessera.invalid',
  async find(anyDb, subjects) {
    const db = anyDb as Database<typeof tables>;
    const ids = [...subjects];
    const rows = await unionAll(
      db
        .select({
          nationalId: warningMarker.nationalId,
          kind: sql<string>`'warning-marker'`.as('kind'),
          record: sql<string>`'warning-marker/' || ${warningMarker.id}`.as('record'),
        })
        .from(warningMarker)
        .where(inArray(warningMarker.nationalId, ids)),
      db
        .select({
          nationalId: incidentPerson.nationalId,
          kind: sql<string>`'incident'`.as('kind'),
          record: sql<string>`'incident/' || ${incidentPerson.incidentId}`.as('record'),
        })
        .from(incidentPerson)
        .where(inArray(incidentPerson.nationalId, ids)),
      db
        .select({
          nationalId: reportSubject.nationalId,
          kind: sql<string>`'intelligence'`.as('kind'),
          record: sql<string>`'intelligence/' || ${intelligenceReport.id}`.as('record'),
        })
        .from(reportSubject)
        .innerJoin(intelligenceReport, eq(intelligenceReport.id, reportSubject.reportId))
        .where(
          and(
            inArray(reportSubject.nationalId, ids),
            inArray(intelligenceReport.dissemination, [...hitDisseminations]),
            gte(intelligenceReport.reviewDate, sql`current_date`),
          ),
        ),
    );
    return collectHits(rows);
  },
};
