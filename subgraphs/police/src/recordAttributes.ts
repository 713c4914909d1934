import {
  isOneOf,
  dataSubjectCategories,
  disseminations,
  handlingCodes,
  type RecordAttributes,
} from '@tessera/policies';
import { recordType, type RecordTypes } from '@tessera/subgraph-kit';
import type { IntelligenceReportRow, WarningMarkerRow } from './db/schema.ts';
import type { Involvement, PersonLink } from './loaders.ts';

/** A person's capacity in a record, as the agreements' category conditions read it. */
const category = (link: PersonLink): RecordAttributes =>
  isOneOf(dataSubjectCategories, link.category) ? { dataSubjectCategory: link.category } : {};

/**
 * What the police's record rules read of each kind of record, and its name as hits and disclosure grants
 * name it (`intelligence/<id>`): a person's place in an incident or a report is named by the incident or
 * report.
 */
export const recordAttributes: RecordTypes = {
  WarningMarker: recordType((marker: WarningMarkerRow) => ({
    id: `warning-marker/${marker.id}`,
    kinds: [marker.type],
  })),
  IncidentInvolvement: recordType((link: Involvement) => ({ id: `incident/${link.incidentId}`, ...category(link) })),
  IncidentPerson: recordType((link: PersonLink & { incidentId: string }) => ({
    id: `incident/${link.incidentId}`,
    ...category(link),
  })),
  ReportSubject: recordType((link: PersonLink & { reportId: string }) => ({
    id: `intelligence/${link.reportId}`,
    ...category(link),
  })),
  IntelligenceReport: recordType((report: IntelligenceReportRow) => ({
    id: `intelligence/${report.id}`,
    ...(isOneOf(handlingCodes, report.handlingCode)
      ? { handlingCode: report.handlingCode }
      : { handlingCode: 'C' as const }),
    handlingConditions: report.handlingConditions,
    // An unknown dissemination code is treated as the most restrictive.
    dissemination: isOneOf(disseminations, report.dissemination) ? report.dissemination : 'black',
    pastReviewDate: report.reviewDate < new Date().toISOString().slice(0, 10),
  })),
};
