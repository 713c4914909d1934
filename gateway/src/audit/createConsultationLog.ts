import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isErrorCode, ruleIds, type Principal, type Purpose } from '@tessera/policies';
import {
  nationalIdPattern,
  errorExchange,
  headerText,
  metrics,
  newRequestId,
  type Database,
  type EventRecipient,
  type Exchange,
  type Logger,
} from '@tessera/runtime';
import {
  createAuditAppender,
  auditPrincipal,
  canonicalJson,
  type ConsultationOutcome,
  type ConsultationRecord,
  type DisclosedRecord,
} from '@tessera/audit';

/** What the gateway learns of a request while it runs, for its consultation record. */
export interface ConsultationDraft {
  readonly requestId: string;
  readonly startedAt: number;
  principal?: Principal;
  purpose: Purpose | null;
  justification: string | null;
  /** What the owners reported releasing, from their response extensions. */
  readonly disclosed: DisclosedRecord[];
  /** How the request was answered, once it is known (see `useConsultationRecord`). */
  answer?: ConsultationAnswer;
  /** How it ended, once recorded. */
  outcome?: ConsultationOutcome;
}

/** What an answer tells the trail: its codes, what was withheld and why, whether data went out. */
export interface ConsultationAnswer {
  readonly codes: readonly string[];
  readonly denied: readonly { readonly coordinate: string; readonly rule: string | null }[];
  readonly hasData: boolean;
  readonly reviewRequired: boolean;
}

export interface ConsultationLog {
  /** Starts the record of a request; every request gets one, refused ones included. */
  begin(request: IncomingMessage): ConsultationDraft;
  /** Writes the record before the answer leaves; if it cannot, the answer is AUDIT_UNAVAILABLE and no data. */
  finish(request: IncomingMessage, exchange: Exchange): Promise<Exchange | undefined>;
  /** What the access log says of a request: who asked, for what, and how it ended. */
  describe(request: IncomingMessage): Record<string, unknown>;
  /** Records an alert's delivery as a consultation: who was told what about whom, released under which rules. */
  recordAlert(delivery: AlertDelivery): Promise<void>;
}

/** An alert as its consultation record tells it. */
export interface AlertDelivery {
  readonly requestId: string;
  /** The watcher, or an earlier recipient told of a correction (known by the owner's log only). */
  readonly principal: Principal | EventRecipient;
  readonly purpose: Purpose | null;
  readonly justification: string | null;
  readonly alert: NonNullable<ConsultationRecord['alert']>;
  readonly owner: string;
  readonly kind: string;
  readonly people: readonly string[];
  readonly disclosed: readonly DisclosedRecord[];
}

/** What a record keeps of a client's free text: enough to read, never a way to bloat the trail. */
const maxOperationLength = 64 * 1024;
const maxNameLength = 256;
const maxHeaderLength = 512;

const nationalIds = new RegExp(nationalIdPattern.source.slice(1, -1), 'g');

/** The hub's consultation log: one hash-chained record per request, written before the response. */
export function createConsultationLog(
  db: Database<Record<string, unknown>>,
  schema: string,
  logger: Logger,
): ConsultationLog {
  const drafts = new WeakMap<IncomingMessage, ConsultationDraft>();
  // Concurrent requests' records go to the chain together: one append, one lock, one commit for them all.
  const log = createAuditAppender(db, schema);
  const begin = (request: IncomingMessage): ConsultationDraft => {
    let draft = drafts.get(request);
    if (!draft) {
      draft = { requestId: newRequestId(), startedAt: Date.now(), purpose: null, justification: null, disclosed: [] };
      drafts.set(request, draft);
    }
    return draft;
  };
  return {
    begin,
    describe(request) {
      const { principal, purpose, outcome } = begin(request);
      return {
        agency: principal?.agency ?? null,
        roles: principal?.roles ?? [],
        purpose,
        outcome: outcome ?? null,
      };
    },
    async recordAlert(delivery) {
      const text = `alert ${delivery.owner} ${delivery.kind}`;
      const entry: ConsultationRecord = {
        kind: 'consultation',
        at: new Date().toISOString(),
        requestId: delivery.requestId,
        principal: auditPrincipal(delivery.principal),
        purpose: delivery.purpose,
        justification: delivery.justification,
        operation: { name: 'alert', hash: sha256(text), text },
        outcome: 'allowed',
        httpStatus: 200,
        codes: [],
        denied: [],
        deniedBy: [],
        disclosed: delivery.disclosed,
        people: [...delivery.people],
        client: { address: null, userAgent: null },
        durationMs: 0,
        reviewRequired: false,
        alert: delivery.alert,
      };
      countConsultation(entry);
      metrics.alertsDelivered.inc({ owner: delivery.owner });
      await log.append([entry]);
    },
    async finish(request, exchange) {
      const draft = begin(request);
      const entry = consultationEntry(request, exchange, draft);
      draft.outcome = entry.outcome;
      countConsultation(entry);
      try {
        await log.append([entry]);
        return undefined;
      } catch (error) {
        logger.error({ err: error, requestId: draft.requestId }, 'consultation log unavailable: nothing released');
        return errorExchange(
          503,
          'AUDIT_UNAVAILABLE',
          'The consultation could not be recorded, so nothing was released.',
        );
      }
    },
  };
}

/**
 * Apollo Server refuses a malformed HTTP request (no query, a body of the wrong shape) before any
 * plugin runs, always as BAD_REQUEST; the runtime names the code of what it refuses itself.
 */
function refusalOf(exchange: Exchange): ConsultationAnswer {
  const code = exchange.code ?? (exchange.status >= 400 ? 'BAD_REQUEST' : undefined);
  return { codes: code ? [code] : [], denied: [], hasData: false, reviewRequired: false };
}

function consultationEntry(request: IncomingMessage, exchange: Exchange, draft: ConsultationDraft): ConsultationRecord {
  const answer = draft.answer ?? refusalOf(exchange);
  const outcome =
    exchange.status >= 400 || !answer.hasData ? 'refused' : answer.denied.length > 0 ? 'partly-denied' : 'allowed';
  const query = typeof exchange.graphqlRequest?.query === 'string' ? exchange.graphqlRequest.query : undefined;
  const operationName = exchange.graphqlRequest?.operationName;
  const variablesText = textOfVariables(exchange.graphqlRequest?.variables);
  const asked = `${query ?? ''} ${variablesText ?? ''}`.match(nationalIds) ?? [];
  const principal = draft.principal;
  return {
    kind: 'consultation',
    at: new Date(draft.startedAt).toISOString(),
    requestId: draft.requestId,
    ...(principal ? { principal: auditPrincipal(principal) } : {}),
    purpose: draft.purpose,
    justification: draft.justification,
    ...(query
      ? {
          operation: {
            name: typeof operationName === 'string' ? bounded(operationName, maxNameLength) : null,
            // The hash is of the text as sent; the text is kept up to a bound, made storable.
            hash: sha256(query),
            text: bounded(query, maxOperationLength),
            ...(query.length > maxOperationLength ? { truncated: true as const } : {}),
          },
        }
      : {}),
    // Variables may hold personal data: only their hash is kept.
    ...(variablesText ? { variablesHash: sha256(variablesText) } : {}),
    outcome,
    httpStatus: exchange.status,
    codes: [...new Set(answer.codes)].sort(),
    denied: [...new Set(answer.denied.map((denial) => denial.coordinate))].sort(),
    deniedBy: [...new Set(answer.denied.flatMap((denial) => (denial.rule ? [denial.rule] : [])))].sort(),
    disclosed: draft.disclosed,
    people: [
      ...new Set([...asked, ...draft.disclosed.flatMap((record) => (record.nationalId ? [record.nationalId] : []))]),
    ].sort(),
    client: { address: request.socket.remoteAddress ?? null, userAgent: header(request, 'user-agent') },
    durationMs: Date.now() - draft.startedAt,
    reviewRequired: answer.reviewRequired,
  };
}

/** A header's text as the client wrote it in UTF-8; bytes that are not UTF-8 are kept a character each. */
function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  const text = headerText(value);
  const kept = text === undefined ? [value].flat().join(',').trim() : text;
  return kept ? bounded(kept, maxHeaderLength) : null;
}

/** The variables' canonical text, for their hash; none when they cannot be read as JSON (refused anyway). */
function textOfVariables(variables: unknown): string | undefined {
  if (variables === undefined || variables === null) return undefined;
  if (typeof variables === 'string') return variables;
  try {
    return canonicalJson(variables);
  } catch {
    return undefined;
  }
}

function bounded(text: string, length: number): string {
  return text.length > length ? text.slice(0, length) : text;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Counts a consultation by outcome and code, and each withheld field and released record by rule; codes
 * and rules from closed sets.
 */
function countConsultation(entry: ConsultationRecord): void {
  const codes = entry.codes.length > 0 ? entry.codes.map((code) => (isErrorCode(code) ? code : 'OTHER')) : ['none'];
  for (const code of codes) metrics.consultations.inc({ outcome: entry.outcome, code });
  if (entry.codes.includes('RATE_LIMITED')) metrics.rateLimited.inc();
  for (const rule of entry.deniedBy) metrics.denials.inc({ rule: ruleIds.has(rule) ? rule : 'other' });
  for (const record of entry.disclosed) {
    for (const rule of record.rules) {
      metrics.released.inc({ rule: ruleIds.has(rule) ? rule : rule.startsWith('grant:') ? 'grant' : 'other' });
    }
  }
}
