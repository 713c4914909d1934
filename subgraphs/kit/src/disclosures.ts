import type { ApolloServerPlugin } from '@apollo/server';
import type { Decision } from '@tessera/policies';
import type { RequestIdentity, Logger } from '@tessera/runtime';
import {
  auditPrincipal,
  disclosuresExtension,
  type AuditAppender,
  type AuditEntryBase,
  type DisclosedRecord,
} from '@tessera/audit';

/** How a subgraph names the records it releases, and whom each is about. */
export type RecordIdentities = Readonly<Record<string, (record: unknown) => RecordIdentity>>;
export interface RecordIdentity {
  readonly id: string;
  /** The national identifier of the person the record is about, where it is about one. */
  readonly nationalId?: string;
}

/** Declares how to identify a record type from its row. */
export function recordIdentity<Row>(identify: (row: Row) => RecordIdentity): (record: unknown) => RecordIdentity {
  return identify as (record: unknown) => RecordIdentity;
}

interface Disclosure {
  readonly type: string;
  readonly identity: RecordIdentity;
  readonly fields: Set<string>;
  readonly rules: Map<string, string>;
}

/** The records one request released, field by field, with the rules that released them. */
export class DisclosureCollector {
  readonly #disclosures = new Map<string, Disclosure>();

  note(type: string, identity: RecordIdentity, field: string, decision: Decision): void {
    const key = `${type}:${identity.id}`;
    let disclosure = this.#disclosures.get(key);
    if (!disclosure) {
      disclosure = { type, identity, fields: new Set(), rules: new Map() };
      this.#disclosures.set(key, disclosure);
    }
    disclosure.fields.add(field);
    disclosure.rules.set(decision.rule, decision.legalBasis);
  }

  get size(): number {
    return this.#disclosures.size;
  }

  entries(owner: string, identity: RequestIdentity, at: string): AuditEntryBase[] {
    const { principal } = identity;
    return [...this.#disclosures.values()].map((disclosure) => ({
      kind: 'disclosure',
      at,
      requestId: identity.requestId,
      principal: auditPrincipal(principal),
      purpose: identity.purpose,
      justification: identity.justification,
      owner,
      type: disclosure.type,
      id: disclosure.identity.id,
      people: disclosure.identity.nationalId ? [disclosure.identity.nationalId] : [],
      fields: [...disclosure.fields].sort(),
      rules: [...disclosure.rules].map(([rule, legalBasis]) => ({ rule, legalBasis })),
    }));
  }

  reported(owner: string): DisclosedRecord[] {
    return [...this.#disclosures.values()].map((disclosure) => ({
      owner,
      type: disclosure.type,
      id: disclosure.identity.id,
      ...(disclosure.identity.nationalId ? { nationalId: disclosure.identity.nationalId } : {}),
      rules: [...disclosure.rules.keys()],
    }));
  }
}

/**
 * Writes what the request released to the owner's disclosure log before the response leaves. If the
 * log cannot be written, the response leaves without data: no record, no release.
 */
export function useDisclosureLog(
  owner: string,
  log: AuditAppender,
  logger: Logger,
): ApolloServerPlugin<RequestIdentity & { disclosures: DisclosureCollector }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const { disclosures } = contextValue;
          if (response.body.kind !== 'single' || disclosures.size === 0) return;
          const result = response.body.singleResult;
          try {
            await log.append(disclosures.entries(owner, contextValue, new Date().toISOString()));
            result.extensions = { ...result.extensions, [disclosuresExtension]: disclosures.reported(owner) };
          } catch (error) {
            logger.error(
              { err: error, requestId: contextValue.requestId },
              'disclosure log unavailable: nothing released',
            );
            result.data = null;
            result.errors = [
              {
                message: `The ${owner} disclosure log is unavailable, so nothing was released.`,
                extensions: { code: 'AUDIT_UNAVAILABLE' },
              },
            ];
          }
        },
      };
    },
  };
}
