import {
  isOneOf,
  dataSubjectCategories,
  disseminations,
  handlingCodes,
  type RecordAttributes,
} from '@tessera/policies';
import { recordIdentity, recordType, type RecordIdentities, type RecordTypes } from '@tessera/subgraph-kit';
import type { IncidentRow, IntelligenceReportRow, PersonRow, WarningMarkerRow } from './db/schema.ts';
import type { Involvement, PersonLink } from './loaders.ts';

/** A person's capacity in a record, as the agreements' category conditions read it. */
const category = (link: PersonLink): RecordAttributes =>
  isOneOf(dataSubjectCategories, link.category) ? { dataSubjectCategory: link.category } : {};

/** What the police's record rules read of each kind of record. */
export const recordTypes: RecordTypes = {
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

/** A record reached through a person carries that person's identifier, for the disclosure log. */
export type About<Row> = Row & { readonly about?: string };

/** How the police name each record they release, and whom it is about. */
export const recordIdentities: RecordIdentities = {
  PoliceProfile: recordIdentity((profile: PersonRow) => ({ id: profile.nationalId, nationalId: profile.nationalId })),
  WarningMarker: recordIdentity((marker: WarningMarkerRow) => ({
    id: String(marker.id),
    nationalId: marker.nationalId,
  })),
  IncidentInvolvement: recordIdentity((link: Involvement) => ({
    id: `${link.incidentId}/${link.nationalId}`,
    nationalId: link.nationalId,
  })),
  Incident: recordIdentity((incident: About<IncidentRow>) => ({
    id: incident.id,
    ...(incident.about ? { nationalId: incident.about } : {}),
  })),
  IncidentPerson: recordIdentity((link: PersonLink & { incidentId: string }) => ({
    id: `${link.incidentId}/${link.nationalId}`,
    nationalId: link.nationalId,
  })),
  IntelligenceReport: recordIdentity((report: About<IntelligenceReportRow>) => ({
    id: report.id,
    ...(report.about ? { nationalId: report.about } : {}),
  })),
  ReviewDue: recordIdentity((report: { id: string }) => ({ id: report.id })),
  ReportSubject: recordIdentity((link: PersonLink & { reportId: string }) => ({
    id: `${link.reportId}/${link.nationalId}`,
    nationalId: link.nationalId,
  })),
};
