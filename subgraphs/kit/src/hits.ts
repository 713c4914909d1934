import DataLoader from 'dataloader';
import { sql, type Column, type SQL } from 'drizzle-orm';
import { anyOf } from './anyOf.ts';
import { isWithheldFromPartner, type RecordAttributes } from '@tessera/policies';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, RequestIdentity, SecretKey } from '@tessera/runtime';
import { sealReference } from './hitReference.ts';

/** The records of one subject that may produce a hit, and their kinds. */
export interface HitRecords {
  readonly kinds: readonly string[];
  readonly records: readonly string[];
}

/**
 * One record a hit query found: its subject, kind and name, and, for a record the owner's record rules
 * judge (handling conditions), its type and attributes, so that one withheld from the caller does not hit.
 */
export interface HitRow {
  readonly nationalId: string;
  readonly kind: string;
  readonly record: string;
  readonly recordType: string | null;
  readonly attributes: RecordAttributes | null;
}

/**
 * What an owner answers a hit/no-hit check with. `find` reads, in one statement whatever the number of
 * subjects, only records whose dissemination allows a hit (never black) and that are not past their
 * review date; the kit then drops those the record rules keep from the caller. A subject with nothing
 * else is answered exactly as one the owner never heard of.
 */
export interface HitSource {
  /** Whom a requester contacts about a hit (a desk, not a person's record). */
  readonly contact: string;
  find(db: Database<Record<string, unknown>>, subjects: readonly string[]): Promise<readonly HitRow[]>;
}

/** The hits of one request for its caller, batched: one statement for every subject the gateway asks about. */
export function createHitLoader(source: HitSource, db: Database<Record<string, unknown>>, caller: RequestIdentity) {
  return new DataLoader<string, HitRecords | null>(async (subjects) => {
    const rows = await source.find(db, subjects);
    const found = collectHits(
      rows.filter(
        (row) =>
          !row.recordType ||
          !row.attributes ||
          !isWithheldFromPartner(caller.principal, caller.purpose, row.recordType, row.attributes),
      ),
    );
    return subjects.map((subject) => found.get(subject) ?? null);
  });
}

/** What the owner's field of a hit check reads of its request: who asks, why, and the batched lookups. */
interface HitContext extends RequestIdentity {
  readonly hits?: DataLoader<string, HitRecords | null>;
}

/** The owner's field of a hit check: null, or the hit with a reference sealed for this caller and purpose. */
export function hitCheckResolvers(owner: string, source: HitSource, referenceKey: SecretKey | undefined) {
  return {
    HitCheck: {
      __resolveReference: (reference: { subject: string }) => ({ subject: reference.subject }),
      [owner]: async (check: { subject: string }, _: unknown, context: HitContext) => {
        const found = await context.hits!.load(check.subject);
        if (!found || found.kinds.length === 0 || !context.purpose) return null;
        if (!referenceKey) throw new Error(`${owner} answers hits without a reference key`);
        const reference = await sealReference(
          {
            owner,
            subject: check.subject,
            records: found.records,
            principal: { issuer: context.principal.issuer, subject: context.principal.subject },
            purpose: context.purpose,
          },
          referenceKey,
        );
        return { subject: check.subject, owner, kinds: found.kinds, contact: source.contact, reference };
      },
    },
  };
}

/** Groups the rows of a hit query by subject: the kinds once each, sorted, and every record. */
function collectHits(rows: readonly HitRow[]): ReadonlyMap<string, HitRecords> {
  const bySubject = new Map<string, { kinds: Set<string>; records: string[] }>();
  for (const row of rows) {
    let hit = bySubject.get(row.nationalId);
    if (!hit) bySubject.set(row.nationalId, (hit = { kinds: new Set(), records: [] }));
    hit.kinds.add(row.kind);
    hit.records.push(row.record);
  }
  return new Map(
    [...bySubject].map(([subject, hit]) => [subject, { kinds: [...hit.kinds].sort(), records: hit.records.sort() }]),
  );
}

/**
 * The columns of a hit query's row (`kind/id`), the same in every owner's `find` so that its parts join
 * with `unionAll`; `judged` names the record type and the attributes the record rules read.
 */
export function hitColumns(
  kind: string,
  columns: { readonly nationalId: Column; readonly id: Column },
  judged?: { readonly recordType: string; readonly attributes: SQL },
) {
  return {
    nationalId: sql<string>`${columns.nationalId}`.as('national_id'),
    kind: sql<string>`${kind}::text`.as('kind'),
    record: sql<string>`${`${kind}/`}::text || ${columns.id}`.as('record'),
    recordType: sql<string | null>`${judged?.recordType ?? null}::text`.as('record_type'),
    attributes: sql<RecordAttributes | null>`${judged?.attributes ?? sql`null`}::jsonb`.as('attributes'),
  };
}

/** The records of one kind of a table about some subjects, as rows of a hit query. */
export function recordsOfKind(
  db: Database<Record<string, unknown>>,
  kind: string,
  table: PgTable,
  columns: { readonly nationalId: Column; readonly id: Column },
  subjects: readonly string[],
) {
  return db
    .select(hitColumns(kind, columns))
    .from(table)
    .where(anyOf(columns.nationalId, [...subjects]));
}
