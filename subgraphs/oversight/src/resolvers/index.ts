import { sql, type SQL } from 'drizzle-orm';
import { codedError } from '@tessera/policies';
import { enumResolver, type DisclosureRequestView, type SubgraphContext } from '@tessera/subgraph-kit';
import { queryRows, type GraphQLResolverMap } from '@tessera/runtime';
import {
  appendAudit,
  auditPrincipal,
  hubSchemaName,
  type AuditIntegrityReport,
  type ConsultationRecord,
  type HubLogTables,
} from '@tessera/audit';
import type { OversightLoaders } from '../loaders.ts';
import { hubLog, readLog, timeArgument } from '../readLog.ts';
import { ownedBy, sharingKpis } from './sharingKpis.ts';
import { consultationActivity } from './consultationActivity.ts';

type Context = SubgraphContext<OversightLoaders, HubLogTables>;
const outcomes = ['allowed', 'partly-denied', 'refused'] as const;

interface ConsultationFilter {
  readonly from?: string | null;
  readonly to?: string | null;
  readonly agency?: string | null;
  readonly subject?: string | null;
  readonly purpose?: string | null;
  readonly outcome?: string | null;
  readonly person?: string | null;
}

interface Page {
  readonly first: number;
  readonly after?: string | null;
}

function consultationConditions(filter: ConsultationFilter = {}): SQL[] {
  const from = timeArgument('from', filter.from);
  const to = timeArgument('to', filter.to);
  return [
    sql`kind = 'consultation'`,
    ...(from ? [sql`recorded_at >= ${from.toISOString()}`] : []),
    ...(to ? [sql`recorded_at <= ${to.toISOString()}`] : []),
    ...(filter.agency ? [sql`agency = ${filter.agency}`] : []),
    ...(filter.purpose ? [sql`purpose = ${filter.purpose}`] : []),
    ...(filter.outcome ? [sql`outcome = ${filter.outcome}`] : []),
    ...(filter.subject ? [sql`entry::jsonb #>> '{principal,subject}' = ${filter.subject}`] : []),
    ...(filter.person ? [sql`people @> ARRAY[${filter.person}]::text[]`] : []),
  ];
}

async function consultationPage(db: Context['db'], conditions: SQL[], page: Page) {
  const { entries, nextCursor } = await readLog<ConsultationRecord>(db, conditions, page.first, page.after);
  return { items: entries.map(({ seq, entry }) => ({ seq, ...entry })), nextCursor };
}

/** The oversight API; `integrity` checks every chain and reconciles them; `followUps` reads the owners' queues. */
export function createResolvers(
  integrity: () => Promise<AuditIntegrityReport>,
  followUps: () => Promise<readonly DisclosureRequestView[]>,
): GraphQLResolverMap<Context> {
  return {
    Query: {
      consultationActivity: (_: unknown, range: { from: string; to: string }, { db }: Context) =>
        consultationActivity(db, range),
      async sharingKpis(_: unknown, range: { from: string; to: string }, { db, principal }: Context) {
        const kpis = await sharingKpis(db, followUps, range);
        const owner = ownedBy(principal);
        if (!owner) return kpis;
        // An owner's supervisors: their own agreement's clauses and their own queue.
        return {
          ...kpis,
          clauses: kpis.clauses.filter((kpi) => owner.clauses.has(kpi.clause)),
          followUps: kpis.followUps.filter((kpi) => kpi.owner === owner.name),
        };
      },
      async followUpRequests(
        _: unknown,
        filter: { owner?: string | null; state?: string | null; overdue?: boolean | null },
      ) {
        return (await followUps())
          .filter(
            (request) =>
              (!filter.owner || request.owner === filter.owner) &&
              (!filter.state || request.state === filter.state.toUpperCase()) &&
              (filter.overdue === null || filter.overdue === undefined || request.overdue === filter.overdue),
          )
          .map((request) => ({
            ...request,
            hoursToDecide: request.decidedAt
              ? (Date.parse(request.decidedAt) - Date.parse(request.requestedAt)) / 3_600_000
              : null,
          }));
      },
      async watches(_: unknown, { person }: { person?: string | null }, { db }: Context) {
        // The gateway keeps the watches in the hub's database; before any, there is no table yet.
        const [table] = await queryRows<{ present: boolean }>(
          db,
          sql`select to_regclass(${`${hubSchemaName}.watch`}) is not null as present`,
        );
        if (!table?.present) return [];
        const rows = await queryRows<{
          id: string;
          subject: string;
          watcher: { issuer: string; subject: string; agency: string; roles: string[] };
          purpose: string;
          justification: string;
          created_at: Date | string;
          expires_at: Date | string;
          ended_at: Date | string | null;
          clause: string | null;
          deliveries: {
            id: string;
            owner: string;
            kind: string;
            occurred_at: string;
            delivered_at: string;
            fields: { name: string }[];
            request_id: string | null;
          }[];
        }>(
          db,
          sql`select w.*, coalesce((select json_agg(a order by a.delivered_at) from ${hubLog}.alert a
              where a.watch_id = w.id), '[]') as deliveries
            from ${hubLog}.watch w ${person ? sql`where w.subject = ${person}` : sql``}
            order by w.created_at desc limit 500`,
        );
        const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
        return rows.map((row) => ({
          id: row.id,
          subject: row.subject,
          watcher: {
            issuer: row.watcher.issuer,
            subject: row.watcher.subject,
            agency: row.watcher.agency,
            roles: row.watcher.roles,
          },
          purpose: row.purpose,
          justification: row.justification,
          createdAt: iso(row.created_at),
          expiresAt: iso(row.expires_at),
          endedAt: iso(row.ended_at),
          clause: row.clause,
          alerts: row.deliveries.length,
          deliveries: row.deliveries.map((delivery) => ({
            id: delivery.id,
            // An alert's id is its event's and its watch's.
            event: delivery.id.slice(0, delivery.id.indexOf(':')),
            owner: delivery.owner,
            kind: delivery.kind,
            occurredAt: iso(delivery.occurred_at),
            deliveredAt: iso(delivery.delivered_at),
            fieldsReleased: delivery.fields.map((field) => field.name),
            requestId: delivery.request_id,
          })),
        }));
      },
      readsUnderGrant: (_: unknown, { grantId, ...page }: { grantId: string } & Page, { db }: Context) =>
        consultationPage(
          db,
          [
            ...consultationConditions(),
            sql`entry::jsonb -> 'disclosed' @> ${JSON.stringify([{ rules: [`grant:${grantId}`] }])}::jsonb`,
          ],
          page,
        ),
      consultations: (_: unknown, { filter, ...page }: { filter?: ConsultationFilter } & Page, { db }: Context) =>
        consultationPage(db, consultationConditions(filter ?? {}), page),
      pendingReviews: (_: unknown, page: Page, { db }: Context) =>
        consultationPage(
          db,
          [
            ...consultationConditions(),
            sql`(entry::jsonb ->> 'reviewRequired')::boolean`,
            sql`not exists (select 1 from ${hubLog}.audit_log r where r.kind = 'review' and r.request_id = audit_log.request_id)`,
          ],
          page,
        ),
      async disclosures(
        _: unknown,
        args: { owner: string; recipient: string; from?: string | null; to?: string | null } & Page,
        { db }: Context,
      ) {
        const conditions = [
          ...consultationConditions({ from: args.from, to: args.to, agency: args.recipient }),
          sql`entry::jsonb -> 'disclosed' @> ${JSON.stringify([{ owner: args.owner }])}::jsonb`,
        ];
        const { entries, nextCursor } = await readLog<ConsultationRecord>(db, conditions, args.first, args.after);
        const items = entries.flatMap(({ entry }) =>
          entry.disclosed
            .filter((record) => record.owner === args.owner)
            .map((record) => ({ ...entry, ...record, recipient: entry.principal })),
        );
        return { items, nextCursor };
      },
      auditIntegrity: async () => {
        const report = await integrity();
        return {
          ...report,
          chains: report.chains.map((chain) => ({
            ...chain,
            problemSeq: chain.problem?.seq,
            problem: chain.problem?.reason,
          })),
        };
      },
    },
    Mutation: {
      async markReviewed(_: unknown, { requestId, note }: { requestId: string; note: string }, context: Context) {
        if (note.trim().length === 0) throw codedError('BAD_USER_INPUT', 'A review needs a note.');
        const [consultation] = await queryRows<{ entry: string }>(
          context.db,
          sql`select entry from ${hubLog}.audit_log where kind = 'consultation' and request_id = ${requestId} limit 1`,
        );
        if (!consultation || JSON.parse(consultation.entry).reviewRequired !== true) {
          throw codedError('NOT_FOUND', 'No access awaiting review has this request id.');
        }
        if (await context.loaders.review.load(requestId))
          throw codedError('BAD_USER_INPUT', 'This access was already reviewed.');
        const review = { requestId, reviewer: context.principal.subject, note, at: new Date().toISOString() };
        const { principal } = context;
        await appendAudit(context.db, hubSchemaName, [
          {
            kind: 'review',
            ...review,
            people: [],
            purpose: context.purpose,
            principal: auditPrincipal(principal),
          },
        ]);
        return review;
      },
    },
    Consultation: {
      operationName: (entry: ConsultationRecord) => entry.operation?.name ?? null,
      operationHash: (entry: ConsultationRecord) => entry.operation?.hash ?? null,
      operation: (entry: ConsultationRecord) => entry.operation?.text ?? null,
      review: (entry: ConsultationRecord, _: unknown, { loaders }: Context) => loaders.review.load(entry.requestId),
    },
    Outcome: enumResolver(outcomes),
  } as GraphQLResolverMap<Context>;
}
