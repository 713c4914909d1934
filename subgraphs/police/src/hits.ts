import { and, gte, inArray, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import { hitDisseminations } from '@tessera/policies';
import { collectHits, recordsOfKind, type HitSource } from '@tessera/subgraph-kit';
import { incidentPerson, intelligenceReport, reportSubject, warningMarker } from './db/schema.ts';

/**
 * The police's answer to a hit check: warning markers, incidents, and intelligence that is not black
 * and not past its review date, in one statement for every subject asked about.
 */
export const policeHits: HitSource = {
  contact: 'Police National Bureau, duty desk: bureau@police.tessera.invalid',
  async find(db, subjects) {
    const hitCanBeTold = sql`exists (select 1 from ${intelligenceReport} where ${and(
      sql`${intelligenceReport.id} = ${reportSubject.reportId}`,
      inArray(intelligenceReport.dissemination, [...hitDisseminations]),
      gte(intelligenceReport.reviewDate, sql`current_date`),
    )})`;
    return collectHits(
      await unionAll(
        recordsOfKind(db, 'warning-marker', warningMarker, warningMarker, subjects),
        recordsOfKind(
          db,
          'incident',
          incidentPerson,
          { nationalId: incidentPerson.nationalId, id: incidentPerson.incidentId },
          subjects,
        ),
        recordsOfKind(
          db,
          'intelligence',
          reportSubject,
          { nationalId: reportSubject.nationalId, id: reportSubject.reportId },
          subjects,
          hitCanBeTold,
        ),
      ),
    );
  },
};
