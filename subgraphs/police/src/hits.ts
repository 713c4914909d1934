import { and, eq, gte, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { hitDisseminations } from '@tessera/policies';
import { anyOf, hitColumns, recordsOfKind, type HitSource } from '@tessera/subgraph-kit';
import { incidentPerson, intelligenceReport, reportSubject, warningMarker } from './db/schema.ts';

/**
 * The police's answer to a hit check: warning markers, incidents, and intelligence that is not black
 * and not past its review date (and, judged by the kit, whose handling conditions let the caller have
 * it), in one statement for every subject asked about.
 */
export const policeHits: HitSource = {
  contact: 'Police National Bureau, duty desk: bureau@police.tessera.invalid',
  find: (db, subjects) =>
    unionAll(
      recordsOfKind(db, 'warning-marker', warningMarker, warningMarker, subjects),
      recordsOfKind(
        db,
        'incident',
        incidentPerson,
        { nationalId: incidentPerson.nationalId, id: incidentPerson.incidentId },
        subjects,
      ),
      db
        .select(
          hitColumns(
            'intelligence',
            { nationalId: reportSubject.nationalId, id: reportSubject.reportId },
            {
              recordType: 'IntelligenceReport',
              attributes: sql`jsonb_build_object('handlingCode', ${intelligenceReport.handlingCode},
                'handlingConditions', ${intelligenceReport.handlingConditions})`,
            },
          ),
        )
        .from(reportSubject)
        .innerJoin(intelligenceReport, eq(intelligenceReport.id, reportSubject.reportId))
        .where(
          and(
            anyOf(reportSubject.nationalId, [...subjects]),
            anyOf(intelligenceReport.dissemination, [...hitDisseminations]),
            gte(intelligenceReport.reviewDate, sql`current_date`),
          ),
        ),
    ),
};
