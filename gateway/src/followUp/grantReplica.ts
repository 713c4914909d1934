import { sql } from 'drizzle-orm';
import type { DisclosureGrant, Principal, Purpose } from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';

/** A grant as the owner reports it when it approves: what the gateway needs to decide with it. */
export interface ReportedGrant {
  readonly id: string;
  readonly owner: string;
  readonly grantee: { readonly issuer: string; readonly subject: string };
  readonly purpose: string;
  readonly fields: readonly string[];
  readonly legalBasis: string;
  readonly expiresAt: string;
}

/** How long a gateway trusts what it read of a principal's grants: a new grant shows within this. */
const freshForMs = 2000;

/**
 * The gateway's copy of the owners' grants, in the hub's database, written as the owners report their
 * approvals and revocations through the gateway: so that the gateway's own decision, before planning,
 * lets through what a grant releases. The owner decides again with its own grants, record by record;
 * a copy that lags (another gateway process) can only withhold, never release, more.
 */
export async function createGrantReplica(db: Database<Record<string, unknown>>, schemaName: string, clock: () => Date) {
  const table = sql.raw(`${schemaName}.disclosure_grant`);
  await db.execute(
    sql`CREATE TABLE IF NOT EXISTS ${table} (
      id text PRIMARY KEY NOT NULL,
      owner text NOT NULL,
      grantee_issuer text NOT NULL,
      grantee_subject text NOT NULL,
      purpose text NOT NULL,
      fields text[] NOT NULL,
      legal_basis text NOT NULL,
      expires_at timestamp with time zone NOT NULL,
      revoked_at timestamp with time zone
    )`,
  );
  await db.execute(
    sql`CREATE INDEX IF NOT EXISTS disclosure_grant_grantee_idx ON ${table} (grantee_issuer, grantee_subject)`,
  );
  const read = new Map<string, { at: number; grants: Promise<DisclosureGrant[]> }>();
  const keyOf = (grantee: { issuer: string; subject: string }) => `${grantee.issuer}|${grantee.subject}`;
  return {
    async record(grant: ReportedGrant): Promise<void> {
      await db.execute(
        sql`insert into ${table} (id, owner, grantee_issuer, grantee_subject, purpose, fields, legal_basis, expires_at)
        values (${grant.id}, ${grant.owner}, ${grant.grantee.issuer}, ${grant.grantee.subject}, ${grant.purpose},
          ${sql.param([...grant.fields])}, ${grant.legalBasis}, ${grant.expiresAt}) on conflict (id) do nothing`,
      );
      read.delete(keyOf(grant.grantee));
    },
    async revoke(id: string): Promise<void> {
      const rows = await queryRows<{ grantee_issuer: string; grantee_subject: string }>(
        db,
        sql`update ${table} set revoked_at = ${clock().toISOString()} where id = ${id} and revoked_at is null
        returning grantee_issuer, grantee_subject`,
      );
      for (const row of rows) read.delete(keyOf({ issuer: row.grantee_issuer, subject: row.grantee_subject }));
    },
    /** The principal's grants in force now (records are the owner's to judge). */
    inForce(principal: Principal): Promise<DisclosureGrant[]> {
      const key = keyOf(principal);
      const now = clock();
      const cached = read.get(key);
      if (cached && now.getTime() - cached.at < freshForMs) return cached.grants;
      const grants = queryRows<{ id: string; owner: string; purpose: string; fields: string[]; legal_basis: string }>(
        db,
        sql`select id, owner, purpose, fields, legal_basis from ${table} where grantee_issuer = ${principal.issuer}
          and grantee_subject = ${principal.subject} and revoked_at is null and expires_at > ${now.toISOString()}`,
      ).then((rows) =>
        rows.map((row): DisclosureGrant => ({
          id: row.id,
          owner: row.owner,
          grantee: { issuer: principal.issuer, subject: principal.subject },
          purpose: row.purpose as Purpose,
          fields: row.fields as DisclosureGrant['fields'],
          records: [],
          legalBasis: row.legal_basis,
        })),
      );
      read.set(key, { at: now.getTime(), grants });
      grants.catch(() => read.delete(key));
      return grants;
    },
  };
}

export type GrantReplica = Awaited<ReturnType<typeof createGrantReplica>>;
