import type { IncomingMessage } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { auditPrincipal, type AuditAppender, type AuditEntryBase } from '@tessera/audit';
import { codedError, type Agency, type Principal } from '@tessera/policies';
import type { Exchange, RequestIdentity, SecretKey } from '@tessera/runtime';
import { ownerDesk, type DeskActions } from '../ownerDesk.ts';
import { openReference } from '../hitReference.ts';
import type { FollowUpStore } from './followUpStore.ts';
import { recordTree } from './grantPaths.ts';

export interface FollowUpDeskOptions {
  readonly owner: string;
  /** The agency whose supervisors decide: the owner's own. */
  readonly ownerAgency: Agency;
  readonly store: FollowUpStore;
  readonly schema: GraphQLSchema;
  readonly referenceKey: SecretKey;
  readonly gatewayKeys: JWTVerifyGetKey;
  /** Where each step is appended: the owner's audit chain. */
  readonly auditLog: AuditAppender;
  readonly clock: () => Date;
  /** How long the owner has to answer a request. Default 48 h. */
  readonly deadlineHours: number;
  readonly logger: Logger;
}

/** Each step of a follow-up, as the owner's audit chain keeps it. */
interface FollowUpEntry extends AuditEntryBase {
  readonly kind: 'follow-up';
  readonly action: 'request' | 'decision' | 'revocation';
  readonly followUp?: string;
  readonly fields?: readonly string[];
  readonly decision?: string;
  readonly grant?: string | null;
}

const maxText = 2000;
const defaultGrantDays = 30;
const maxGrantDays = 90;

/**
 * POST /follow-up: the owner's desk for the second step of an exchange, called by the gateway with its
 * internal token. A requester files a request with a hit's reference; the owner's supervisors see the
 * queue and decide, once; an approval is a grant, which they may revoke. Every step is appended to the
 * owner's audit chain before it is answered.
 */
export function createFollowUpDesk(
  options: FollowUpDeskOptions,
): (request: IncomingMessage, body: string) => Promise<Exchange> {
  const tree = recordTree(options.schema, options.owner);
  const record = async (
    identity: RequestIdentity,
    action: FollowUpEntry['action'],
    details: Pick<FollowUpEntry, 'followUp' | 'fields' | 'decision' | 'grant'>,
    people: string[],
  ) => {
    const entry: FollowUpEntry = {
      kind: 'follow-up',
      at: options.clock().toISOString(),
      requestId: identity.requestId,
      principal: auditPrincipal(identity.principal),
      purpose: identity.purpose,
      people,
      action,
      ...details,
    };
    await options.auditLog.append([entry]);
  };
  const supervisorOnly = (principal: Principal) => {
    if (principal.agency !== options.ownerAgency || !principal.roles.includes('supervisor')) {
      throw codedError('FORBIDDEN', `Only supervisors of ${options.owner} decide its follow-up requests.`, {
        refuseRequest: true,
      });
    }
  };
  const actions: DeskActions = {
    async request(identity, input) {
      const now = options.clock();
      const purpose = identity.purpose;
      if (!purpose) throw codedError('PURPOSE_REQUIRED', 'A follow-up request states its purpose in X-Purpose.');
      const reference = await openReference(
        text(input.reference, 'reference', 5000),
        options.owner,
        options.referenceKey,
        identity.principal,
        purpose,
        now,
      );
      const fields = list(input.fields, 'fields');
      const unknown = fields.filter((field) => !tree.offers(field));
      if (fields.length === 0 || unknown.length > 0) {
        throw codedError(
          'BAD_USER_INPUT',
          `Ask for fields of ${options.owner}'s records (Type.field); not: ${unknown.join(', ') || 'none given'}.`,
          {
            extensions: { argument: 'fields' },
          },
        );
      }
      const view = await options.store.create({
        subject: reference.subject,
        records: reference.records,
        fields,
        requester: identity.principal,
        purpose,
        justification: text(input.justification, 'justification', maxText),
        now,
        deadline: new Date(now.getTime() + options.deadlineHours * 3_600_000),
      });
      await record(identity, 'request', { followUp: view.id, fields }, [reference.subject]);
      return view;
    },
    async mine(identity) {
      return options.store.requestedBy(identity.principal, options.clock());
    },
    async pending(identity) {
      supervisorOnly(identity.principal);
      return options.store.pending(options.clock());
    },
    async decide(identity, input) {
      supervisorOnly(identity.principal);
      const now = options.clock();
      const id = text(input.id, 'id', 200);
      const approve = input.decision === 'APPROVE';
      if (!approve && input.decision !== 'REFUSE')
        throw codedError('BAD_USER_INPUT', 'The decision is APPROVE or REFUSE.');
      const note = text(input.note, 'note', maxText);
      const conditions =
        input.conditions === undefined || input.conditions === null
          ? null
          : text(input.conditions, 'conditions', maxText);
      const days = input.days === undefined || input.days === null ? defaultGrantDays : Number(input.days);
      if (!Number.isInteger(days) || days < 1 || days > maxGrantDays) {
        throw codedError('BAD_USER_INPUT', `A grant lasts from 1 to ${maxGrantDays} days.`, {
          extensions: { argument: 'days' },
        });
      }
      const pending = await options.store.find(id);
      const decidedBy = `${identity.principal.subject} (${identity.principal.agency} supervisor)`;
      const decided = await options.store.decide({
        id,
        approve,
        decidedBy,
        conditions,
        note,
        now,
        ...(approve && pending
          ? {
              grant: {
                fields: tree.withPaths(pending.fields),
                legalBasis: `Approved by ${decidedBy} on ${now.toISOString().slice(0, 10)}: ${note}${conditions ? ` Conditions: ${conditions}` : ''}`,
                expires: new Date(now.getTime() + days * 86_400_000),
              },
            }
          : {}),
      });
      const { request: view } = decided;
      await record(identity, 'decision', { followUp: view.id, decision: view.state, grant: view.grantId }, [
        view.subject,
      ]);
      return decided;
    },
    async revoke(identity, input) {
      supervisorOnly(identity.principal);
      const view = await options.store.revoke(
        text(input.id, 'id', 200),
        identity.principal.subject,
        text(input.note, 'note', maxText),
        options.clock(),
      );
      await record(identity, 'revocation', { grant: view.id }, []);
      return view;
    },
    async grants(identity) {
      const owners =
        identity.principal.agency === options.ownerAgency && identity.principal.roles.includes('supervisor');
      return options.store.grants(options.clock(), owners ? undefined : identity.principal);
    },
  };
  return ownerDesk(options, actions);
}

function text(value: unknown, name: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw codedError('BAD_USER_INPUT', `${name} is required, at most ${max} characters.`, {
      extensions: { argument: name },
    });
  }
  return value;
}

function list(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length > 100 || !value.every((item) => typeof item === 'string')) {
    throw codedError('BAD_USER_INPUT', `${name} is a list of at most 100 Type.field names.`, {
      extensions: { argument: name },
    });
  }
  return [...new Set(value as string[])];
}
