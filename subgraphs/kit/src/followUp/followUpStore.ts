import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { codedError, type DisclosureGrant, type Principal, type Purpose } from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';

/** A follow-up request as its requester and the owner's supervisors see it. */
export interface DisclosureRequestView {
  readonly id: string;
  readonly owner: string;
  readonly subject: string;
  readonly fields: readonly string[];
  readonly purpose: string;
  readonly justification: string;
  readonly requester: { readonly issuer: string; readonly subject: string; readonly agency: string };
  readonly state: 'PENDING' | 'APPROVED' | 'REFUSED';
  readonly requestedAt: string;
  readonly deadlineAt: string;
  /** Still pending past its deadline. */
  readonly overdue: boolean;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly conditions: string | null;
  readonly note: string | null;
  readonly grantId: string | null;
}

/** A grant as its grantee and the owner's supervisors see it (its records are the owner's to know). */
export interface DisclosureGrantView {
  readonly id: string;
  readonly owner: string;
  readonly requestId: string;
  readonly grantee: { readonly issuer: string; readonly subject: string; readonly agency: string };
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly legalBasis: string;
  readonly conditions: string | null;
  readonly grantedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly active: boolean;
}

interface RequestRow {
  id: string;
  subject: string;
  records: string[];
  fields: string[];
  requester_issuer: string;
  requester_subject: string;
  requester_agency: string;
  purpose: string;
  justification: string;
  requested_at: Date | string;
  deadline_at: Date | string;
  state: string;
  decided_at: Date | string | null;
  decided_by: string | null;
  conditions: string | null;
  note: string | null;
  grant_id: string | null;
}

interface GrantRow {
  id: string;
  request_id: string;
  grantee_issuer: string;
  grantee_subject: string;
  grantee_agency: string;
  purpose: string;
  fields: string[];
  records: string[];
  legal_basis: string;
  conditions: string | null;
  granted_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The owner's queue of follow-up requests and the grants its supervisors made, in its own schema. */
export function createFollowUpStore(owner: string, db: Database<Record<string, unknown>>, schemaName: string) {
  const requests = sql.raw(`${schemaName}.disclosure_request`);
  const grants = sql.raw(`${schemaName}.disclosure_grant`);
  const requestView = (row: RequestRow, now: Date): DisclosureRequestView => ({
    id: row.id,
    owner,
    subject: row.subject,
    fields: row.fields,
    purpose: row.purpose,
    justification: row.justification,
    requester: { issuer: row.requester_issuer, subject: row.requester_subject, agency: row.requester_agency },
    state: row.state.toUpperCase() as DisclosureRequestView['state'],
    requestedAt: iso(row.requested_at),
    deadlineAt: iso(row.deadline_at),
    overdue: row.state === 'pending' && new Date(row.deadline_at) < now,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    decidedBy: row.decided_by,
    conditions: row.conditions,
    note: row.note,
    grantId: row.grant_id,
  });
  const grantView = (row: GrantRow, now: Date): DisclosureGrantView => ({
    id: row.id,
    owner,
    requestId: row.request_id,
    grantee: { issuer: row.grantee_issuer, subject: row.grantee_subject, agency: row.grantee_agency },
    purpose: row.purpose,
    fields: row.fields,
    legalBasis: row.legal_basis,
    conditions: row.conditions,
    grantedAt: iso(row.granted_at),
    expiresAt: iso(row.expires_at),
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
    active: !row.revoked_at && new Date(row.expires_at) > now,
  });
  const grantOf = (row: GrantRow): DisclosureGrant => ({
    id: row.id,
    owner,
    grantee: { issuer: row.grantee_issuer, subject: row.grantee_subject },
    purpose: row.purpose as Purpose,
    fields: row.fields as DisclosureGrant['fields'],
    records: row.records,
    legalBasis: row.legal_basis,
  });

  return {
    async create(input: {
      subject: string;
      records: readonly string[];
      fields: readonly string[];
      requester: Principal;
      purpose: Purpose;
      justification: string;
      now: Date;
      deadline: Date;
    }): Promise<DisclosureRequestView> {
      const [row] = await queryRows<RequestRow>(
        db,
        sql`insert into ${requests} (id, subject, records, fields, requester_issuer, requester_subject, requester_agency,
          purpose, justification, requested_at, deadline_at, state)
        values (${`${owner}:${randomUUID()}`}, ${input.subject}, ${sql.param([...input.records])}, ${sql.param([...input.fields])},
          ${input.requester.issuer}, ${input.requester.subject}, ${input.requester.agency}, ${input.purpose},
          ${input.justification}, ${input.now.toISOString()}, ${input.deadline.toISOString()}, 'pending')
        returning *`,
      );
      return requestView(row!, input.now);
    },

    /** A requester's own requests, newest first. */
    async requestedBy(requester: Principal, now: Date): Promise<DisclosureRequestView[]> {
      const rows = await queryRows<RequestRow>(
        db,
        sql`select * from ${requests} where requester_issuer = ${requester.issuer}
          and requester_subject = ${requester.subject} order by requested_at desc, id limit 500`,
      );
      return rows.map((row) => requestView(row, now));
    },

    /** The queue: pending requests, the most urgent first. */
    async pending(now: Date): Promise<DisclosureRequestView[]> {
      const rows = await queryRows<RequestRow>(
        db,
        sql`select * from ${requests} where state = 'pending' order by deadline_at, id limit 500`,
      );
      return rows.map((row) => requestView(row, now));
    },

    /** The request and its records, for its decision: the owner's to read. */
    async find(id: string): Promise<(RequestRow & { view: DisclosureRequestView }) | undefined> {
      const [row] = await queryRows<RequestRow>(db, sql`select * from ${requests} where id = ${id}`);
      return row && { ...row, view: requestView(row, new Date(0)) };
    },

    /**
     * Decides a pending request, once: a second decision, or one on an unknown request, finds nothing to
     * decide and is refused. An approval writes its grant in the same statement.
     */
    async decide(input: {
      id: string;
      approve: boolean;
      decidedBy: string;
      conditions: string | null;
      note: string;
      now: Date;
      grant?: { fields: readonly string[]; legalBasis: string; expires: Date };
    }): Promise<{ request: DisclosureRequestView; grant: DisclosureGrantView | null }> {
      const grantId = input.grant ? `${owner}:${randomUUID()}` : null;
      const [row] = await queryRows<RequestRow>(
        db,
        sql`update ${requests} set state = ${input.approve ? 'approved' : 'refused'}, decided_at = ${input.now.toISOString()},
          decided_by = ${input.decidedBy}, conditions = ${input.conditions}, note = ${input.note}, grant_id = ${grantId}
        where id = ${input.id} and state = 'pending' returning *`,
      );
      if (!row) {
        throw codedError(
          'BAD_USER_INPUT',
          'There is no pending request with this id: it is unknown or already decided.',
          {
            extensions: { argument: 'id' },
          },
        );
      }
      if (!input.grant || !grantId) return { request: requestView(row, input.now), grant: null };
      const [granted] = await queryRows<GrantRow>(
        db,
        sql`insert into ${grants} (id, request_id, grantee_issuer, grantee_subject, grantee_agency, purpose, fields,
            records, legal_basis, conditions, granted_at, expires_at)
          values (${grantId}, ${row.id}, ${row.requester_issuer}, ${row.requester_subject}, ${row.requester_agency},
            ${row.purpose}, ${sql.param([...input.grant.fields])}, ${sql.param(row.records)}, ${input.grant.legalBasis},
            ${input.conditions}, ${input.now.toISOString()}, ${input.grant.expires.toISOString()})
          returning *`,
      );
      return { request: requestView(row, input.now), grant: grantView(granted!, input.now) };
    },

    async revoke(id: string, revokedBy: string, note: string, now: Date): Promise<DisclosureGrantView> {
      const [row] = await queryRows<GrantRow>(
        db,
        sql`update ${grants} set revoked_at = ${now.toISOString()}, revoked_by = ${revokedBy}, revoke_note = ${note}
        where id = ${id} and revoked_at is null returning *`,
      );
      if (!row) {
        throw codedError(
          'BAD_USER_INPUT',
          'There is no grant in force with this id: it is unknown or already revoked.',
          {
            extensions: { argument: 'id' },
          },
        );
      }
      return grantView(row, now);
    },

    /** Every request, newest first: what oversight reads of the owner's queue. */
    async all(now: Date): Promise<DisclosureRequestView[]> {
      const [table] = await queryRows<{ present: boolean }>(
        db,
        sql`select to_regclass(${`${schemaName}.disclosure_request`}) is not null as present`,
      );
      if (!table?.present) return [];
      const rows = await queryRows<RequestRow>(
        db,
        sql`select * from ${requests} order by requested_at desc, id limit 1000`,
      );
      return rows.map((row) => requestView(row, now));
    },

    /** Every grant the owner made (for its supervisors), or one grantee's. */
    async grants(now: Date, grantee?: Principal): Promise<DisclosureGrantView[]> {
      const rows = await queryRows<GrantRow>(
        db,
        grantee
          ? sql`select * from ${grants} where grantee_issuer = ${grantee.issuer} and grantee_subject = ${grantee.subject}
              order by granted_at desc, id limit 500`
          : sql`select * from ${grants} order by granted_at desc, id limit 500`,
      );
      return rows.map((row) => grantView(row, now));
    },

    /** The grants in force for a principal, as decide() reads them: one statement per request. */
    async inForce(principal: Principal, now: Date): Promise<DisclosureGrant[]> {
      const rows = await queryRows<GrantRow>(
        db,
        sql`select * from ${grants} where grantee_issuer = ${principal.issuer} and grantee_subject = ${principal.subject}
          and revoked_at is null and expires_at > ${now.toISOString()}`,
      );
      return rows.map(grantOf);
    },
  };
}

export type FollowUpStore = ReturnType<typeof createFollowUpStore>;
