import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import type { BulkLoader, Database, RequestIdentity } from '@tessera/runtime';
import type { RecordTypes } from './protectSchema.ts';
import type DataLoader from 'dataloader';
import type { DisclosureGrant } from '@tessera/policies';
import type { DisclosureCollector, RecordIdentities } from './disclosures.ts';
import type { HitRecords, HitSource } from './hits.ts';
import type { RevisableKind } from './writes/revisions.ts';
import type { AggregateDatasets } from './aggregates/aggregateDesk.ts';

/** What every resolver of a subgraph receives: who asks, why, and the request's batched loaders. */
export interface SubgraphContext<
  Loaders,
  Schema extends Record<string, unknown> = Record<string, unknown>,
> extends RequestIdentity {
  readonly loaders: Loaders;
  /** What this request released, for the owner's disclosure log. */
  readonly disclosures: DisclosureCollector;
  /** For the few queries that are not loads by key (searches, area lists). */
  readonly db: Database<Schema>;
  /** The request's hit/no-hit lookups, when the subgraph answers hit checks. */
  readonly hits?: DataLoader<string, HitRecords | null>;
  /** The caller's disclosure grants in force at this owner, read when a decision first needs them. */
  readonly grants?: () => Promise<readonly DisclosureGrant[]>;
}

export interface SeedOptions {
  /** Same seed, same data. */
  readonly seed: number;
  /** Citizens in the national population; each agency knows its share of them. */
  readonly size: number;
}

/** Everything the kit needs to run one agency's subgraph: schema, resolvers, data and seed. */
export interface SubgraphModule<Schema extends Record<string, unknown>, Loaders> {
  /** The subgraph's name in the supergraph; also the audience of its internal tokens. */
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<SubgraphContext<Loaders, Schema>>;
  /** The records whose attributes the agreements' record rules read (category, kinds, dissemination...). */
  readonly recordTypes: RecordTypes;
  /** The schema of the hash-chained audit log this subgraph's database holds (installed at start). */
  readonly auditChain?: string;
  /** How each record it releases is named: every release is then logged in `auditChain` before it leaves. */
  readonly disclosedRecords?: RecordIdentities;
  /**
   * How it answers hit/no-hit checks, if it does: its `HitCheck.<name>` field, of type `<Name>Hit`, is then
   * resolved by the kit, and every hit is logged as a disclosure (that the owner knows the person).
   */
  readonly hits?: HitSource;
  /** What it counts for hotspot maps, by dataset: released as counts under its aggregate clauses only. */
  readonly aggregates?: AggregateDatasets;
  /** The kinds of record its staff may correct and withdraw through the hub, by the kind in `<kind>/<id>`. */
  readonly revisable?: Readonly<Record<string, RevisableKind>>;
  readonly tables: Schema;
  /** Its committed drizzle migrations; the audit log has its own (see `installAuditChain`). */
  readonly migrationsFolder?: string;
  /** Loaders are made per request, so batching never mixes two callers' results. */
  createLoaders(db: Database<Schema>): Loaders;
  /** Fills an empty database with demo data; returns the rows written per table. */
  seed(database: BulkLoader, options: SeedOptions): Promise<Record<string, number>>;
  isSeeded(db: Database<Schema>): Promise<boolean>;
}

/**
 * A subgraph module of any tables and loaders: what a list of different subgraphs holds. The kit's
 * functions keep each module's own types together, so nothing is lost by erasing them here.
 */
export type AnySubgraphModule = SubgraphModule<any, any>;
