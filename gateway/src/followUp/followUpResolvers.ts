import { codedError } from '@tessera/policies';
import type { GatewayContext } from '../context.ts';
import { deskOwners, type DeskClient } from '../forward/deskClient.ts';
import { ownerOfReference, ownerSupervisedBy } from './followUpClient.ts';
import type { GrantReplica, ReportedGrant } from './grantReplica.ts';

interface RequestView {
  readonly requestedAt: string;
}

/**
 * The two-step exchange's second step, as one API whatever the owner: each call goes to the owner's
 * desk (named by the reference, the request id, or the caller's own agency), which decides; the gateway
 * keeps a copy of each grant an owner reports, to decide with it before planning.
 */
export function followUpResolvers(call: DeskClient, replica: GrantReplica) {
  const supervised = (context: GatewayContext) => {
    const owner = ownerSupervisedBy(context.identity.principal);
    if (!owner) throw codedError('FORBIDDEN', 'Only supervisors of a data owner decide its follow-up requests.');
    return owner;
  };
  const ownerOfId = (id: string) => {
    const owner = id.split(':')[0] ?? '';
    if (!deskOwners.includes(owner)) throw codedError('BAD_USER_INPUT', 'There is no request or grant with this id.');
    return owner;
  };
  const fromEveryOwner = async <T extends RequestView>(context: GatewayContext, action: string): Promise<T[]> =>
    (await Promise.all(deskOwners.map((owner) => call<T[]>(owner, context.identity, { action }))))
      .flat()
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return {
    Query: {
      myDisclosureRequests: (_: unknown, __: unknown, context: GatewayContext) => fromEveryOwner(context, 'mine'),
      pendingDisclosureRequests: (_: unknown, __: unknown, context: GatewayContext) =>
        call(supervised(context), context.identity, { action: 'pending' }),
      disclosureGrants: async (_: unknown, __: unknown, context: GatewayContext) => {
        const owner = ownerSupervisedBy(context.identity.principal);
        if (owner) return call(owner, context.identity, { action: 'grants' });
        const grants = await Promise.all(
          deskOwners.map((each) => call<ReportedGrant[]>(each, context.identity, { action: 'grants' })),
        );
        return grants.flat();
      },
    },
    Mutation: {
      requestDisclosure: (
        _: unknown,
        args: { reference: string; justification: string; fields: string[] },
        context: GatewayContext,
      ) => call(ownerOfReference(args.reference), context.identity, { action: 'request', ...args }),
      decideDisclosure: async (
        _: unknown,
        args: { id: string; decision: string; note: string; conditions?: string | null; days?: number | null },
        context: GatewayContext,
      ) => {
        const owner = ownerOfId(args.id);
        if (owner !== supervised(context))
          throw codedError('FORBIDDEN', `Only supervisors of ${owner} decide its requests.`);
        const decided = await call<{ request: unknown; grant: ReportedGrant | null }>(owner, context.identity, {
          action: 'decide',
          ...args,
        });
        if (decided.grant) await replica.record(decided.grant);
        return decided.request;
      },
      revokeGrant: async (_: unknown, args: { id: string; note: string }, context: GatewayContext) => {
        const owner = ownerOfId(args.id);
        if (owner !== supervised(context))
          throw codedError('FORBIDDEN', `Only supervisors of ${owner} revoke its grants.`);
        const revoked = await call(owner, context.identity, { action: 'revoke', ...args });
        await replica.revoke(args.id);
        return revoked;
      },
    },
  };
}
