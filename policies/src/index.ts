export {
  agencies,
  roles,
  clearances,
  privileges,
  purposes,
  sourceEvaluations,
  intelligenceAssessments,
  handlingCodes,
  disseminations,
  dataSubjectCategories,
  dataOwners,
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
  DataOwner,
} from './vocabulary.ts';
export { principalFromClaims, claimsOfPrincipal } from './principal.ts';
export type { Principal, PrincipalClaims, PrincipalResult } from './principal.ts';
export { errorCodes, isErrorCode, codedError, renderErrorCodes } from './errorCodes.ts';
export type { ErrorCode, CodedErrorOptions } from './errorCodes.ts';
