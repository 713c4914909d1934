import type { GraphQLSchema } from 'graphql';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { Agency, DisclosureGrant, Principal } from '@tessera/policies';
import type { AuditAppender } from '@tessera/audit';
import type { Database, SecretKey } from '@tessera/runtime';
import { createFollowUpDesk } from './followUpDesk.ts';
import { createFollowUpStore } from './followUpStore.ts';
import { installFollowUps } from './followUpTables.ts';

export interface FollowUps {
  /** POST /follow-up, the desk the gateway calls. */
  readonly desk: ReturnType<typeof createFollowUpDesk>;
  /** A request's reader of its caller's grants in force: one statement, the first time a decision needs it. */
  grantsOf(principal: Principal): () => Promise<readonly DisclosureGrant[]>;
}

/** An owner's follow-ups: its queue and grants (installed in its schema), its desk, its grants for decide(). */
export async function openFollowUps(options: {
  readonly owner: string;
  /** The agency whose supervisors decide: the owner's own. */
  readonly ownerAgency: Agency;
  readonly db: Database<Record<string, unknown>>;
  /** The owner's schema in its database (where its audit log is). */
  readonly schemaName: string;
  readonly apiSchema: GraphQLSchema;
  readonly referenceKey: SecretKey;
  readonly gatewayKeys: JWTVerifyGetKey;
  /** The owner's audit chain, where each step is appended. */
  readonly auditLog: AuditAppender;
  readonly clock: () => Date;
  readonly deadlineHours: number;
  readonly logger: Logger;
}): Promise<FollowUps> {
  await installFollowUps(options.db, options.schemaName);
  const store = createFollowUpStore(options.owner, options.db, options.schemaName);
  return {
    desk: createFollowUpDesk({
      owner: options.owner,
      ownerAgency: options.ownerAgency,
      store,
      schema: options.apiSchema,
      referenceKey: options.referenceKey,
      gatewayKeys: options.gatewayKeys,
      auditLog: options.auditLog,
      clock: options.clock,
      deadlineHours: options.deadlineHours,
      logger: options.logger,
    }),
    grantsOf(principal) {
      let loaded: Promise<readonly DisclosureGrant[]> | undefined;
      return () => (loaded ??= store.inForce(principal, options.clock()));
    },
  };
}
