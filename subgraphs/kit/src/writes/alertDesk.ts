import { sql } from 'drizzle-orm';
import type { JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import type { AlertRelease, AuditAppender } from '@tessera/audit';
import {
  applyMask,
  codedError,
  decide,
  hitCheckType,
  isWithheldFromPartner,
  type DisclosureGrant,
  type Principal,
  type RecordAttributes,
} from '@tessera/policies';
import { queryRows, type Database } from '@tessera/runtime';
import { DisclosureCollector } from '../disclosures.ts';
import { ownerDesk } from '../ownerDesk.ts';

interface EventRow {
  record: string;
  subjects: string[];
  record_type: string;
  fields: Record<string, unknown>;
}

/**
 * POST /alert: the owner's release of one of its events to a partner watching a person it is about,
 * called by the hub with the watcher's identity in an internal token. The owner decides each field of
 * the event for the watcher and purpose as its agreements stand now, as it would for a query, and
 * appends what it releases to its disclosure log before answering. An event about a record its record
 * rules keep from the watcher (black, past review) is not released at all, not even as a pointer; nor is
 * a bare pointer to a watcher its hit clauses would not tell that it holds anything on the person.
 */
export function createAlertDesk(options: {
  readonly owner: string;
  readonly db: Database<Record<string, unknown>>;
  readonly schemaName: string;
  readonly gatewayKeys: JWTVerifyGetKey;
  /** The watcher's grants in force at this owner now, read only when a clause withholds a field. */
  readonly grantsOf: (principal: Principal) => () => Promise<readonly DisclosureGrant[]>;
  /** The owner's audit chain, where each release is appended with those of other answers meanwhile. */
  readonly auditLog: AuditAppender;
  readonly logger: Logger;
}) {
  const outbox = sql.raw(`${options.schemaName}.outbox`);
  return ownerDesk(options, {
    async release(identity, input): Promise<AlertRelease> {
      const { principal, purpose } = identity;
      if (!purpose) throw codedError('PURPOSE_REQUIRED', 'An alert is released for the watch’s purpose.');
      const [event] =
        typeof input.event === 'string'
          ? await queryRows<EventRow>(
              options.db,
              sql`select record, subjects, record_type, fields from ${outbox} where id = ${input.event}`,
            )
          : [];
      if (!event || typeof input.subject !== 'string' || !event.subjects.includes(input.subject)) {
        throw codedError('BAD_USER_INPUT', 'No such event about this person.');
      }
      const attributes: RecordAttributes = {
        id: event.record,
        ...(typeof event.fields.dissemination === 'string'
          ? { dissemination: event.fields.dissemination as RecordAttributes['dissemination'] }
          : {}),
      };
      if (isWithheldFromPartner(principal, purpose, event.record_type, attributes)) return { released: false };
      const disclosures = new DisclosureCollector();
      // Records are named `<kind>/<id>`, their id as the owner's disclosure log names them.
      const record = { id: event.record.slice(event.record.indexOf('/') + 1), nationalId: input.subject };
      const grants = options.grantsOf(principal);
      const released = await Promise.all(
        Object.entries(event.fields).map(async ([name, value]) => {
          const coordinate = `${event.record_type}.${name}`;
          const standing = decide(principal, purpose, coordinate, attributes);
          // A grant the owner made since (or revoked since) counts as it stands at delivery.
          const decision =
            standing.effect === 'deny' ? decide(principal, purpose, coordinate, attributes, await grants()) : standing;
          return { name, value, decision };
        }),
      );
      const fields = released.flatMap(({ name, value, decision }) => {
        const shown =
          decision.effect === 'allow'
            ? value
            : decision.effect === 'mask' && decision.mask
              ? applyMask(decision.mask, value)
              : undefined;
        if (shown === undefined || shown === null) return [];
        disclosures.note(event.record_type, record, name, decision);
        return [{ name, value: String(shown) }];
      });
      // A pointer says the owner holds something on the person: only to whom its hit clauses would say so.
      if (fields.length === 0 && decide(principal, purpose, `${hitCheckType}.${options.owner}`).effect !== 'allow') {
        return { released: false };
      }
      await options.auditLog.append(disclosures.entries(options.owner, identity, new Date().toISOString()));
      return { released: true, fields, disclosed: disclosures.reported(options.owner) };
    },
  });
}
