import { recordIdentity, type RecordIdentities } from '@tessera/subgraph-kit';
import type { IncidentRow, IntelligenceReportRow, PersonRow, WarningMarkerRow } from './db/schema.ts';
import type { Involvement, PersonLink } from './loaders.ts';

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
