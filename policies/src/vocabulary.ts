/**
 * The shared vocabulary of DESIGN.md. Each list is the closed set of values the hub accepts; a value
 * outside it is refused where it enters (a token claim, a header, a database row).
 */

export const agencies = ['police', 'customs', 'probation', 'oversight'] as const;
export type Agency = (typeof agencies)[number];

export const roles = ['officer', 'investigator', 'analyst', 'supervisor', 'system', 'auditor', 'hub-admin'] as const;
export type Role = (typeof roles)[number];

/** Ordered from lowest to highest: a principal cleared for one level is cleared for those below it. */
export const clearances = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET'] as const;
export type Clearance = (typeof clearances)[number];

export const privileges = ['sworn', 'intelligence-certified', 'firearms-licensing', 'child-protection'] as const;
export type Privilege = (typeof privileges)[number];

export const purposes = [
  'criminal-investigation',
  'intelligence-analysis',
  'border-control',
  'offender-management',
  'safeguarding',
  'threat-to-life',
  'oversight-audit',
] as const;
export type Purpose = (typeof purposes)[number];

/** UK 3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable. */
export const sourceEvaluations = ['1', '2', '3'] as const;
export type SourceEvaluation = (typeof sourceEvaluations)[number];

/** UK 3x5x2 intelligence assessment: A known directly ... E suspected false. */
export const intelligenceAssessments = ['A', 'B', 'C', 'D', 'E'] as const;
export type IntelligenceAssessment = (typeof intelligenceAssessments)[number];

/** UK 3x5x2 handling code: P lawful sharing permitted, C sharing with conditions. */
export const handlingCodes = ['P', 'C'] as const;
export type HandlingCode = (typeof handlingCodes)[number];

/** white: others may see it; gray: others learn only that it exists and whom to ask; black: nothing. */
export const disseminations = ['white', 'gray', 'black'] as const;
export type Dissemination = (typeof disseminations)[number];
/** The disseminations whose records may produce a hit: a black record never does, not even as a no. */
export const hitDisseminations: readonly Dissemination[] = ['white', 'gray'];

/** EU Law Enforcement Directive Art 6 categories of data subject. */
export const dataSubjectCategories = ['suspect', 'convicted', 'victim', 'witness', 'associate'] as const;
export type DataSubjectCategory = (typeof dataSubjectCategories)[number];

/** The agencies that own data, each serving it through its own subgraph. */
export const dataOwners = ['police', 'customs', 'probation'] as const;
export type DataOwner = (typeof dataOwners)[number];

/** Who signs an agreement: a data-owning agency, or the hub for what it holds itself (the national register). */
export const agreementOwners = [...dataOwners, 'hub'] as const;
export type AgreementOwner = (typeof agreementOwners)[number];

/** Every purpose but oversight: what operational staff may work for. */
export const operationalPurposes: readonly Purpose[] = purposes.filter((purpose) => purpose !== 'oversight-audit');

/** Purposes whose requests must carry a justification (a case reference or a reason), logged with them. */
export const purposesRequiringJustification: readonly Purpose[] = [
  'criminal-investigation',
  'intelligence-analysis',
  'safeguarding',
  'threat-to-life',
];

/** A justification is a case reference or a sentence, not a document: at most this many characters. */
export const maxJustificationLength = 500;

/** The kinds of condition a C-coded record's sharing may carry (each with a value: an agency, a purpose). */
export const handlingConditionKinds = ['not-to-agency', 'only-to-agency', 'only-for-purpose'] as const;
export type HandlingConditionKind = (typeof handlingConditionKinds)[number];

/** Narrows an unknown value to a member of one of the vocabularies above. */
export function isOneOf<const T extends readonly string[]>(values: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
