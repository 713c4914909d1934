import type {
  Agency,
  AgreementOwner,
  Clearance,
  DataSubjectCategory,
  Dissemination,
  HandlingCode,
  HandlingConditionKind,
  Privilege,
  Purpose,
  Role,
} from './vocabulary.ts';
import type { MaskName } from './masks.ts';

/**
 * A field coordinate: `Type.field`, or `Type.*` for every field of a type. Policies are keyed by the
 * coordinates of the composed schema, so one rule reads the same at the gateway and at the owner.
 */
export type Coordinate = `${string}.${string}`;

/** Who may receive: every listed condition must hold. */
export interface Recipients {
  /**
   * For each agency the clause names, the roles of that agency it grants (the principal needs one):
   * explicit pairs, so that a clause for oversight auditors and police supervisors grants neither
   * oversight supervisors nor police auditors.
   */
  readonly byAgency: Readonly<Partial<Record<Agency, readonly Role[]>>>;
  readonly minimumClearance?: Clearance;
  /** The principal needs every one of these privileges. */
  readonly privileges?: readonly Privilege[];
}

/**
 * Conditions on the record a field belongs to. A condition binds only records that carry the
 * attribute: a warning marker has a kind, an incident involvement a data-subject category.
 */
export interface RecordConditions {
  readonly dataSubjectCategories?: readonly DataSubjectCategory[];
  /** Kinds in the owner's vocabulary (a warning marker's type); a record matches if it has one of them. */
  readonly kinds?: readonly string[];
}

export type Effect = 'allow' | 'mask' | 'pointer' | 'deny';

/** One clause of a data-sharing agreement, as code. */
export interface Rule {
  /** Stable and unique, e.g. `police-4.2`; named in every decision and every error it causes. */
  readonly id: string;
  /** What the clause provides, in a sentence an oversight officer reads. */
  readonly summary: string;
  /** The clause it implements, and the law behind it. */
  readonly legalBasis: string;
  readonly recipients: Recipients;
  /** The purposes it serves; `any` for what needs no purpose (policy metadata, not personal data). */
  readonly purposes: readonly Purpose[] | 'any';
  readonly fields: readonly Coordinate[];
  readonly effect: 'allow' | 'mask';
  /** With effect `mask`: how the value is reduced. */
  readonly mask?: MaskName;
  readonly records?: RecordConditions;
  /** Access under this rule is flagged for review afterwards (emergency access). */
  readonly reviewRequired?: boolean;
  /**
   * false: the rule serves purposes other rules grant, and never makes a purpose lawful by itself
   * (the register's identities serve any lawful purpose; they are not one).
   */
  readonly grantsPurpose?: false;
}

/**
 * The rules a data owner applies to every partner (never to its own staff), whatever clause released
 * the field: they protect the record, not the field.
 */
export interface PartnerRecordRules {
  /** Types whose records carry dissemination, handling code or review date. */
  readonly appliesTo: readonly string[];
  readonly black: RecordRule;
  readonly gray: RecordRule & {
    /** The fields a partner sees of a gray record: that it exists and whom to contact. */
    readonly pointerFields: readonly Coordinate[];
  };
  readonly handlingConditions: RecordRule;
  readonly pastReviewDate: RecordRule;
}

export interface RecordRule {
  readonly id: string;
  readonly summary: string;
  readonly legalBasis: string;
}

/** A data owner's signed-off agreements: what it releases to whom, for what, under which clause. */
export interface Agreement {
  readonly owner: AgreementOwner;
  /** The owner's agency for "own staff" purposes; the hub has none. */
  readonly ownerAgency: Agency | null;
  readonly title: string;
  /** The coordinates whose data this owner holds; its rules name only these. */
  readonly owns: readonly Coordinate[];
  readonly rules: readonly Rule[];
  readonly partnerRecordRules?: PartnerRecordRules;
  /** Watches the owner's own records set up on its staff's behalf (a travel ban watches crossings). */
  readonly standingWatches?: readonly StandingWatchClause[];
  /** What the owner releases as counts per place and time, never as records (hotspot maps). */
  readonly aggregates?: readonly AggregateClause[];
  /** The partners' standing watches this owner's events answer, by clause id, with its own legal basis. */
  readonly answersStandingWatches?: readonly { readonly clause: string; readonly legalBasis: string }[];
}

/**
 * A standing watch: when the owner records a record of a kind (an order's no-foreign-travel condition),
 * the person is watched, on behalf of the officer who recorded it, for another owner's events of some
 * types (customs crossings), until the owner records that it ended. It holds only where the watched
 * owner's agreement answers it too.
 */
export interface StandingWatchClause {
  readonly id: string;
  readonly summary: string;
  readonly legalBasis: string;
  /** The owner's record kind that sets the watch. */
  readonly kind: string;
  /** The owner's events that end it (the order ended). */
  readonly endedBy: readonly string[];
  readonly watches: { readonly owner: AgreementOwner; readonly events: readonly string[] };
  readonly purpose: Purpose;
  /** How long it holds at most if nothing ends it first. */
  readonly maxDays: number;
}

/** A sharing condition on a C-coded record, as data. */
export interface HandlingCondition {
  readonly kind: HandlingConditionKind;
  readonly value: string;
}

/** What the owner knows of a record that the rules may depend on. */
export interface RecordAttributes {
  /** The record's name as hits and disclosure grants name it (`intelligence/<id>`): what a grant releases. */
  readonly id?: string;
  readonly dataSubjectCategory?: DataSubjectCategory;
  /** The record's kinds: a warning marker's type, the types of an order's conditions. */
  readonly kinds?: readonly string[];
  readonly handlingCode?: HandlingCode;
  readonly handlingConditions?: readonly HandlingCondition[];
  readonly dissemination?: Dissemination;
  /** Judged by the owner, who keeps the clock: the review date has passed. */
  readonly pastReviewDate?: boolean;
}

/** The outcome for one field (or record), with the clause that made it. */
export interface Decision {
  readonly effect: Effect;
  readonly rule: string;
  readonly legalBasis: string;
  readonly mask?: MaskName;
  /** The field is released only for records that meet conditions the owner judges. */
  readonly conditional: boolean;
  readonly reviewRequired: boolean;
}

/**
 * A clause that releases counts, never records: how many of the owner's events of some categories fell
 * in each hexagon and month. Counts are formed at the clause's resolution, one per hexagon, month and
 * category; one under k is withheld, and every answer (coarser hexagons, longer periods, several
 * categories) is a sum of the released counts only, so that no set of answers gives a withheld one away.
 */
export interface AggregateClause {
  readonly id: string;
  readonly summary: string;
  readonly legalBasis: string;
  readonly recipients: Recipients;
  readonly purposes: readonly Purpose[];
  /** The owner's dataset counted (`incidents`, `seizures`). */
  readonly dataset: string;
  /**
   * The type of the records counted. Never one the owner's record rules apply to (black, past review,
   * handling conditions): counts cannot honour rules judged record by record at each release.
   */
  readonly recordType: string;
  /** The categories counted for the recipient; the others are not in its answers. */
  readonly categories: readonly string[] | 'any';
  /** The finest hexagons released (an H3 resolution, 5 to 9); answers may be coarser, never finer. */
  readonly resolution: number;
  /** The smallest count released; a count under it is withheld. Default 5. */
  readonly k?: number;
}
