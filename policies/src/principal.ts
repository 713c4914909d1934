import {
  agencies,
  clearances,
  isOneOf,
  privileges,
  roles,
  type Agency,
  type Clearance,
  type Privilege,
  type Role,
} from './vocabulary.ts';

/** Who is asking: the claims of the caller's token, checked against the vocabulary. */
export interface Principal {
  readonly issuer: string;
  readonly subject: string;
  readonly agency: Agency;
  readonly roles: readonly Role[];
  readonly clearance: Clearance;
  readonly privileges: readonly Privilege[];
}

/** The token claims a principal is read from, beside the standard `iss` and `sub`. */
export interface PrincipalClaims {
  readonly iss?: unknown;
  readonly sub?: unknown;
  readonly agency?: unknown;
  readonly roles?: unknown;
  readonly clearance?: unknown;
  readonly privileges?: unknown;
}

export type PrincipalResult = { ok: true; principal: Principal } | { ok: false; problems: string[] };

/**
 * Reads a principal from token claims. Every claim must be present and within the vocabulary: an
 * unknown role or agency is refused rather than ignored, so a typo never grants or hides anything.
 */
export function principalFromClaims(claims: PrincipalClaims): PrincipalResult {
  const problems: string[] = [];
  const text = (name: string, value: unknown): string => {
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`claim ${name} must be a non-empty string`);
    return '';
  };
  const issuer = text('iss', claims.iss);
  const subject = text('sub', claims.sub);
  if (!isOneOf(agencies, claims.agency)) problems.push(`claim agency must be one of ${agencies.join(', ')}`);
  if (!isOneOf(clearances, claims.clearance)) problems.push(`claim clearance must be one of ${clearances.join(', ')}`);
  const roleList = listOf('roles', roles, claims.roles, problems);
  const privilegeList = listOf('privileges', privileges, claims.privileges ?? [], problems);
  if (roleList.length === 0) problems.push('claim roles must name at least one role');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    principal: Object.freeze({
      issuer,
      subject,
      agency: claims.agency as Agency,
      roles: Object.freeze(roleList),
      clearance: claims.clearance as Clearance,
      privileges: Object.freeze(privilegeList),
    }),
  };
}

function listOf<const T extends readonly string[]>(
  name: string,
  allowed: T,
  value: unknown,
  problems: string[],
): T[number][] {
  if (!Array.isArray(value)) {
    problems.push(`claim ${name} must be a list`);
    return [];
  }
  const unknown = value.filter((item) => !isOneOf(allowed, item));
  if (unknown.length > 0) problems.push(`claim ${name} holds unknown values; allowed: ${allowed.join(', ')}`);
  return value.filter((item): item is T[number] => isOneOf(allowed, item));
}

/** The claims that carry a principal inside a token, the inverse of `principalFromClaims`. */
export function claimsOfPrincipal(principal: Principal): Record<string, unknown> {
  return {
    agency: principal.agency,
    roles: [...principal.roles],
    clearance: principal.clearance,
    privileges: [...principal.privileges],
  };
}
