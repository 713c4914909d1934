export {
  agencies,
  roles,
  clearances,
  privileges,
  purposes,
  purposesRequiringJustification,
  maxJustificationLength,
  operationalPurposes,
  sourceEvaluations,
  intelligenceAssessments,
  handlingCodes,
  disseminations,
  hitDisseminations,
  dataSubjectCategories,
  handlingConditionKinds,
  dataOwners,
  agreementOwners,
  isOneOf,
} from './vocabulary.ts';
export type {
  Agency,
  Role,
  Clearance,
  Privilege,
  Purpose,
  SourceEvaluation,
  IntelligenceAssessment,
  HandlingCode,
  Dissemination,
  DataSubjectCategory,
  HandlingConditionKind,
  DataOwner,
  AgreementOwner,
} from './vocabulary.ts';
export { principalFromClaims, claimsOfPrincipal } from './principal.ts';
export type { Principal, PrincipalClaims, PrincipalResult } from './principal.ts';
export {
  errorCodes,
  isErrorCode,
  codedError,
  forbiddenError,
  forbiddenErrorAt,
  renderErrorCodes,
} from './errorCodes.ts';
export type { ErrorCode, CodedErrorOptions } from './errorCodes.ts';
export type {
  Agreement,
  Coordinate,
  Decision,
  Effect,
  HandlingCondition,
  PartnerRecordRules,
  RecordAttributes,
  RecordConditions,
  RecordRule,
  Recipients,
  Rule,
  StandingWatchClause,
  AggregateClause,
} from './rule.ts';
export { agreementOf, agreementOfAgency, agreements } from './agreements.ts';
export { covers, typeOf } from './coordinates.ts';
export {
  decide,
  decideRecord,
  defaultDeny,
  ruleIds,
  isPurposeGranted,
  isWithheldFromPartner,
  isJustificationRequired,
  isPurposeFree,
  ownerOf,
} from './decide.ts';
export { isIsoDate } from './isoDate.ts';
export { masks, applyMask } from './masks.ts';
export type { MaskName } from './masks.ts';
export { selectedFields, explain, fragmentsOf } from './explain.ts';
export { walkSelections } from './walkSelections.ts';
export type { SelectionWalk } from './walkSelections.ts';
export type { FieldSelection, FieldDecision } from './explain.ts';
export { renderAgreements } from './renderAgreements.ts';
export { grantsOf, describeGrant } from './grants.ts';
export type { Grant } from './grants.ts';
export { contractFor } from './contract.ts';
export { hitCheckField, hitCheckType, hitCoordinates, hitRule } from './hitRule.ts';
export { grantFor } from './disclosureGrant.ts';
export type { DisclosureGrant } from './disclosureGrant.ts';
export { intelligenceEntryProblems } from './entryGate.ts';
export type { EntryPolicy, IntelligenceSubmission } from './entryGate.ts';
export { standingWatchesEndedBy, standingWatchesSetBy } from './standingWatches.ts';
export { aggregateClauseFor, aggregateDatasets, defaultK } from './aggregates.ts';
