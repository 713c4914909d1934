import {
  isOneOf,
  dataSubjectCategories,
  disseminations,
  handlingCodes,
  type RecordAttributes,
} from '@tessera/policies';
import { recordType, type RecordTypes } from '@tessera/subgraph-kit';
import type { IntelligenceReportRow, WarningMarkerRow } from './db/schema.ts';
import type { PersonLink } from './loaders.ts';

/** A person's capacity in a record, as the agreements' category conditions read it. */
const category = (link: PersonLink): RecordAttributes =>
  isOneOf(dataSubjectCategories, link.category) ? { dataSubjectCategory: link.category } : {};

/** What the police's record rules read of each kind of record. */
export const recordAttributes: RecordTypes = {
  WarningMarker: recordType((marker: WarningMarkerRow) => ({ kinds: [marker.type] })),
  IncidentInvolvement: recordType(category),
  IncidentPerson: recordType(category),
  ReportSubject: recordType(category),
  IntelligenceReport: recordType((report: IntelligenceReportRow) => ({
    ...(isOneOf(handlingCodes, report.handlingCode)
      ? { handlingCode: report.handlingCode }
      : { handlingCode: 'C' as const }),
    handlingConditions: report.handlingConditions,
    // An unknown dissemination code is treated as the most restrictive.
    dissemination: isOneOf(disseminations, report.dissemination) ? report.dissemination : 'black',
    pastReviewDate: report.reviewDate < new Date().toISOString().slice(0, 10),
  })),
};
