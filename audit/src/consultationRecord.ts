import type { AuditEntryBase, AuditPrincipal } from './appendAudit.ts';
import type { DisclosedRecord } from './disclosedRecord.ts';

/** How a consultation ended for the caller. */
export type ConsultationOutcome = 'allowed' | 'partly-denied' | 'refused';

/**
 * The hub's record of one request (LED Art 25, CJIS audit): who, when, for what, which operation, what
 * was withheld and under which rules, what each owner released, and from where. The gateway writes it;
 * oversight reads it with the same type.
 */
export interface ConsultationRecord extends AuditEntryBase {
  readonly kind: 'consultation';
  readonly principal?: AuditPrincipal;
  readonly purpose: string | null;
  readonly justification: string | null;
  /** The operation as sent: its name, the hash of its exact text, and the text made storable (bounded). */
  readonly operation?: {
    readonly name: string | null;
    readonly hash: string;
    readonly text: string;
    readonly truncated?: true;
  };
  /** Variables may hold personal data: only their hash is kept. */
  readonly variablesHash?: string;
  readonly outcome: ConsultationOutcome;
  readonly httpStatus: number;
  readonly codes: readonly string[];
  /** The field coordinates withheld, and the rules that withheld them. */
  readonly denied: readonly string[];
  readonly deniedBy: readonly string[];
  readonly disclosed: readonly DisclosedRecord[];
  readonly client: { readonly address: string | null; readonly userAgent: string | null };
  readonly durationMs: number;
  /** Released under a rule whose every use is reviewed afterwards (threat to life). */
  readonly reviewRequired: boolean;
  /** An alert the hub delivered, not a request: the event it told of, and the watch it answered. */
  readonly alert?: { readonly id: string; readonly event: string; readonly watch: string | null };
}
