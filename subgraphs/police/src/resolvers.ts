import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { dataSubjectCategories, disseminations, handlingConditionKinds } from '@tessera/policies';
import { enumResolver, profileFor, type SubgraphContext } from '@tessera/subgraph-kit';
import { readInteger, readIsoTime, type GraphQLResolverMap } from '@tessera/runtime';
import {
  incident,
  intelligenceReport,
  type IncidentRow,
  type IntelligenceReportRow,
  type PersonRow,
  type tables,
} from './db/schema.ts';
import type { Involvement, PersonLink, PoliceLoaders } from './loaders.ts';
import { policeRecords } from './records.ts';
import { submitIntelligence } from './submitIntelligence.ts';
import { warningMarkerTypes } from './vocabulary.ts';

type Context = SubgraphContext<PoliceLoaders, typeof tables>;
const maxRows = 500;

/** A person reference for the gateway to complete from the other subgraphs. */
const personOf = (link: PersonLink) => ({ nationalId: link.nationalId });

export const resolvers: GraphQLResolverMap<Context> = {
  Mutation: { submitIntelligence, ...policeRecords },
  Query: {
    recentIncidents(
      _: unknown,
      { district, since, limit }: { district: string; since?: string | null; limit: number },
      { db }: Context,
    ) {
      readInteger('limit', limit, 1, maxRows);
      const sinceDate = since ? readIsoTime('since', since) : undefined;
      return db
        .select()
        .from(incident)
        .where(and(eq(incident.district, district), sinceDate ? gte(incident.occurredAt, sinceDate) : undefined))
        .orderBy(desc(incident.occurredAt), incident.id)
        .limit(limit);
    },
    recordsPastReview(_: unknown, { limit }: { limit: number }, { db }: Context) {
      readInteger('limit', limit, 1, maxRows);
      return db
        .select({
          id: intelligenceReport.id,
          recordedAt: intelligenceReport.recordedAt,
          reviewDate: intelligenceReport.reviewDate,
          dissemination: intelligenceReport.dissemination,
        })
        .from(intelligenceReport)
        .where(lt(intelligenceReport.reviewDate, sql`current_date`))
        .orderBy(intelligenceReport.reviewDate, intelligenceReport.id)
        .limit(limit);
    },
  },
  ReviewDue: {
    type: () => 'IntelligenceReport',
    recordedAt: (row: { recordedAt: Date }) => row.recordedAt.toISOString(),
  },
  Person: {
    __resolveReference: (reference: { nationalId: string }) => ({ nationalId: reference.nationalId }),
    police: async (person: { nationalId: string }, _: unknown, context: Context) =>
      profileFor('police', person.nationalId, await context.loaders.person.load(person.nationalId), context),
  },
  PoliceProfile: {
    warningMarkers: (profile: PersonRow, _: unknown, { loaders }: Context) =>
      loaders.warningMarkers.load(profile.nationalId),
    incidents: (profile: PersonRow, _: unknown, { loaders }: Context) =>
      loaders.involvementsOfPerson.load(profile.nationalId),
    intelligenceReports: async (profile: PersonRow, _: unknown, { loaders }: Context) =>
      (await loaders.reportsOfPerson.load(profile.nationalId)).map((link) => ({
        ...link.report,
        about: link.nationalId,
      })),
  },
  IncidentInvolvement: {
    incident: async (involvement: Involvement, _: unknown, { loaders }: Context) => {
      const incident = await loaders.incident.load(involvement.incidentId);
      return incident && { ...incident, about: involvement.nationalId };
    },
  },
  Incident: {
    occurredAt: (row: IncidentRow) => row.occurredAt.toISOString(),
    location: ({ latitude, longitude, district }: IncidentRow) => ({ latitude, longitude, district }),
    involved: (row: IncidentRow, _: unknown, { loaders }: Context) => loaders.involvementsOfIncident.load(row.id),
  },
  IncidentPerson: { person: personOf },
  ReportSubject: { person: personOf },
  IntelligenceReport: {
    owner: () => 'police',
    recordedAt: (row: IntelligenceReportRow) => row.recordedAt.toISOString(),
    grading: (row: IntelligenceReportRow) => ({
      source: row.sourceEvaluation,
      assessment: row.assessment,
      handling: row.handlingCode,
      conditions: row.handlingConditions,
    }),
    subjects: (row: IntelligenceReportRow, _: unknown, { loaders }: Context) => loaders.subjectsOfReport.load(row.id),
  },
  WarningMarkerType: enumResolver(warningMarkerTypes),
  DataSubjectCategory: enumResolver(dataSubjectCategories),
  Dissemination: enumResolver(disseminations),
  HandlingConditionKind: enumResolver(handlingConditionKinds),
} as GraphQLResolverMap<Context>;
