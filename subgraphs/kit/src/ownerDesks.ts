import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { agreementOf, type DisclosureGrant, type Principal } from '@tessera/policies';
import type { AuditAppender } from '@tessera/audit';
import type { Database, Exchange, SecretKey } from '@tessera/runtime';
import { openAggregates } from './aggregates/aggregateDesk.ts';
import { openFollowUps } from './followUp/openFollowUps.ts';
import type { AnySubgraphModule } from './subgraphModule.ts';
import { createAlertDesk } from './writes/alertDesk.ts';
import { installOutbox } from './writes/recordWrite.ts';
import { createRecordsDesk, installRevisions } from './writes/revisions.ts';

export interface OwnerDesks {
  /** The routes the gateway calls beside GraphQL, by `METHOD /path`. */
  readonly routes: Readonly<Record<string, (request: IncomingMessage, body: string) => Promise<Exchange>>>;
  /** A request's reader of its caller's grants in force at this owner. */
  grantsOf(principal: Principal): () => Promise<readonly DisclosureGrant[]>;
}

/**
 * A data owner's desks outside query plans, each in the owner's schema and answering only the
 * gateway: follow-ups after a hit, the release of an event to a watcher, corrections and withdrawals,
 * and counts for hotspot maps. Also makes the outbox its writes announce their events through.
 */
export async function openOwnerDesks(
  module: AnySubgraphModule & { readonly auditChain: string },
  options: {
    readonly db: Database<Record<string, unknown>>;
    readonly apiSchema: GraphQLSchema;
    readonly referenceKey: SecretKey;
    readonly gatewayKeys: JWTVerifyGetKey;
    /** The owner's audit chain, which every desk appends to. */
    readonly auditLog: AuditAppender;
    readonly clock: () => Date;
    readonly followUpDeadlineHours: number;
    readonly logger: Logger;
  },
): Promise<OwnerDesks> {
  const { db, gatewayKeys, auditLog, logger } = options;
  const owner = module.name;
  const schemaName = module.auditChain;
  const ownerAgency = agreementOf(owner)?.ownerAgency;
  if (!ownerAgency) throw new Error(`${owner} is no agency: it keeps no desks`);
  await installOutbox(db, schemaName);
  const followUps = await openFollowUps({
    owner,
    ownerAgency,
    db,
    schemaName,
    apiSchema: options.apiSchema,
    referenceKey: options.referenceKey,
    gatewayKeys,
    auditLog,
    clock: options.clock,
    deadlineHours: options.followUpDeadlineHours,
    logger,
  });
  const routes: Record<string, (request: IncomingMessage, body: string) => Promise<Exchange>> = {
    'POST /follow-up': followUps.desk,
    'POST /alert': createAlertDesk({
      owner,
      db,
      schemaName,
      gatewayKeys,
      grantsOf: followUps.grantsOf,
      auditLog,
      logger,
    }),
  };
  if (module.revisable) {
    await installRevisions(db, schemaName);
    routes['POST /records'] = createRecordsDesk({
      owner,
      ownerAgency,
      db,
      schemaName,
      kinds: module.revisable,
      gatewayKeys,
      logger,
    });
  }
  if (module.aggregates) {
    routes['POST /aggregates'] = await openAggregates({
      owner,
      db,
      schemaName,
      datasets: module.aggregates,
      gatewayKeys,
      auditLog,
      logger,
    });
  }
  return { routes, grantsOf: followUps.grantsOf };
}
